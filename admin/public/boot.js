/* global document, location */
/*
 * Runs before the first paint (a small classic script in <head>, no framework): when a login is
 * stored, the page draws the staff frame from the HTML at once — side menu, header and title —
 * while the app's code loads and starts, instead of a blank screen; React replaces it with the same
 * frame on its first render. Without a login (or on the login and print pages) nothing is drawn.
 */
(function () {
  try {
    var stored = JSON.parse(localStorage.getItem('wc.admin.session') || 'null');
    var framed = !/\/(login|print)(\/|$)/.test(location.pathname);
    if (framed && stored && stored.token && Date.parse(stored.expiresAt) > Date.now()) {
      document.documentElement.classList.add('boot-frame-on');
    }
  } catch {
    // No readable login: the app decides what to show.
  }
})();
