// The styles of the staff frame that index.html draws before the app runs (public/boot.js) come
// with the page itself, not with the app's code.
import './styles/global.css';
import './styles/bootFrame.css';
import './layouts/layout.css';

import { prefetchFirstScreen, preloadFirstPage } from './boot/prefetch';

// The first screen's data leaves now, through the app's own request layer, while the app's code
// downloads and starts (boot/prefetch.ts); the page takes the reply when it asks for it.
const base = import.meta.env.BASE_URL.replace(/\/$/, '');
prefetchFirstScreen(window.location, base);

// The app's code (React, antd, the routes) is a chunk of its own: evaluating it is the longest task
// of the start on a slow phone, and the browser paints the frame while that chunk downloads.
void import('./start');
// The first screen's page is loaded alongside it rather than after the layout has rendered.
preloadFirstPage(window.location, base);

// Installable on phones (the manual's 手机 APP): the service worker only makes the page installable
// and keeps the shell for a flaky network; API calls always go to the server.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch(() => undefined);
  });
}
