import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { prefetchFirstPage } from './services/applications/firstPage';
import { setUnauthorizedHandler } from './services/request';
import { consumeLoginTicket } from './services/wechat/loginTicket';
import { goToLogin } from './utils/navigation';
import './app.scss';

// A login the server no longer accepts sends the user to the login page (and back afterwards).
setUnauthorizedHandler(() => goToLogin());

/** Pages whose first screen is the list of my applications (and the H5 root, which opens 首页). */
const LIST_PAGES = /(^|\/)pages\/(applications|index)\/index$|^\/?(h5\/?)?$/;

if (process.env.TARO_ENV === 'h5') {
  // Back from WeChat's web login (official account menu): the ticket becomes a session first.
  consumeLoginTicket();
  // Start fetching the list before the router has even loaded the page's code.
  if (LIST_PAGES.test(window.location.pathname)) {
    prefetchFirstPage();
  }
}

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    if (process.env.TARO_ENV !== 'h5' && LIST_PAGES.test(options.path ?? '')) {
      prefetchFirstPage();
    }
  });
  return children;
}

export default App;
