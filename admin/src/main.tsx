// The styles of the staff frame that index.html draws before the app runs (public/boot.js) come
// with the page itself, not with the app's code.
import './styles/global.css';
import './styles/bootFrame.css';
import './layouts/layout.css';

import { startFirstScreen } from './boot/prefetch';

// The first screen's data and page code are asked for now, through the app's own request layer,
// while the app's code downloads and starts (boot/prefetch.ts); the page takes the reply when it
// asks for it.
startFirstScreen(window.location, import.meta.env.BASE_URL.replace(/\/$/, ''));

// The app's code (React, antd, the routes) is a chunk of its own: evaluating it is the longest task
// of the start on a slow phone, and the browser paints the frame while that chunk downloads.
void import('./start');

// Installable on phones (the manual's 手机 APP): the service worker only makes the page installable
// and keeps the shell for a flaky network; API calls always go to the server.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch(() => undefined);
  });
}
