import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './AppRoot';
import { firstPageSettled } from './boot/prefetch';

/** The longest the first render waits for the first screen's page code. */
const PAGE_WAIT_MS = 3000;

const root = document.getElementById('root');
if (root) {
  const start = () =>
    createRoot(root).render(
      <StrictMode>
        <AppRoot />
      </StrictMode>,
    );
  // The first render is one long task on a slow phone: the staff frame of index.html is presented
  // before it starts (a frame that React replaces before the browser has shown it is never seen).
  // A hidden tab gets no animation frames, hence the timer.
  let started = false;
  const startOnce = () => {
    if (!started) {
      started = true;
      start();
    }
  };
  // The first screen's page is rendered with the frame in one render, not after it: its code was
  // asked for with the app's (boot/prefetch.ts), and nothing is drawn meanwhile but the same frame.
  // On a network that stalls the page's code, the frame is rendered after PAGE_WAIT_MS anyway, so
  // that its menu works while the page still loads.
  const pageWait = new Promise((resolve) => setTimeout(resolve, PAGE_WAIT_MS));
  void Promise.race([firstPageSettled(), pageWait]).then(() => {
    requestAnimationFrame(() => setTimeout(startOnce, 0));
    setTimeout(startOnce, 250);
  });
}
