import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { useLocation, useOutlet, type Location, type NavigateOptions } from 'react-router';
import { useStableNavigate } from '../hooks/useStableNavigate';

/** A list's address, as the list reads it: its search, and a way to change it (useSearchParams' shape). */
interface ListAddress {
  location: Location;
  setParams: (next: Record<string, string> | URLSearchParams, options?: NavigateOptions) => void;
  /** Counts the times the list has been shown again after a detail opened from it. */
  shownAgain: number;
}

const ListAddressContext = createContext<ListAddress | null>(null);

/**
 * The list page's search parameters and their setter — react-router's useSearchParams, but of the
 * list's own address: while the list is kept under a detail, the page's address is the detail's,
 * and the list must go on reading its filters, not the detail's `?action=`.
 */
export function useListParams(): [URLSearchParams, ListAddress['setParams']] {
  const address = useContext(ListAddressContext);
  if (!address) {
    throw new Error('a list page is drawn by KeptList');
  }
  const search = address.location.search;
  const params = useMemo(() => new URLSearchParams(search), [search]);
  return [params, address.setParams];
}

/**
 * Runs `refresh` each time the list is shown again after a detail opened from it: the rows stay on
 * screen (the clerk sees at once what they left) and the same request, sent again, brings what
 * changed meanwhile — the action just taken in the detail, a colleague's.
 */
export function useShownAgain(refresh: () => void): void {
  const shownAgain = useContext(ListAddressContext)?.shownAgain ?? 0;
  const latest = useRef(refresh);
  useLayoutEffect(() => {
    latest.current = refresh;
  });
  // Counted from the page's own start: a list page mounted after earlier returns asks only once.
  const seen = useRef(shownAgain);
  useEffect(() => {
    if (shownAgain !== seen.current) {
      seen.current = shownAgain;
      latest.current();
    }
  }, [shownAgain]);
}

const trimmed = (pathname: string) => pathname.replace(/\/+$/, '') || '/';

interface Kept {
  location: Location;
  visible: boolean;
  shownAgain: number;
}

/**
 * The layout's page, and the list a detail was opened from, kept (hidden) under the detail.
 *
 * The browser's back button from a detail then shows the list as it was left — its rows, filters
 * and page, the scroll position — instead of building 50 rows again: in bench:admin's paired runs
 * (4× CPU, 7 rounds each) back took 547 → 380 ms, where React and antd alone take 285–293 ms.
 * Only the two lists (`lists`: their paths and pages) are kept, and only under the pages
 * `keptUnder` names (a detail): any other page lets the list go, so nothing hidden outlives the
 * visit it belongs to. A list's own route claims its address only; it is drawn here.
 */
export function KeptList({
  lists,
  keptUnder,
}: {
  lists: Readonly<Record<string, ComponentType>>;
  keptUnder: (pathname: string) => boolean;
}) {
  const location = useLocation();
  const outlet = useOutlet();
  const navigate = useStableNavigate();
  const path = trimmed(location.pathname);
  const onList = Object.hasOwn(lists, path);

  // What the slot draws, derived from the address as it changes (set while rendering, as React
  // advises for state that follows a prop, so that the list and the page change in one commit).
  const [kept, setKept] = useState<Kept | null>(onList ? { location, visible: true, shownAgain: 0 } : null);
  let next = kept;
  if (onList) {
    if (kept?.location !== location || !kept.visible) {
      // Back to the very list that was hidden (the same filters and page), not to another one.
      const returning =
        kept !== null && !kept.visible && `${kept.location.pathname}${kept.location.search}` === `${location.pathname}${location.search}`;
      next = { location, visible: true, shownAgain: (kept?.shownAgain ?? 0) + (returning ? 1 : 0) };
    }
  } else if (!keptUnder(path)) {
    next = null;
  } else if (kept?.visible) {
    next = { ...kept, visible: false };
  }
  if (next !== kept) {
    setKept(next);
  }

  // Where the page is scrolled (kept from scroll events: reading window.scrollY would lay the page
  // out on the spot), and where the list was while it showed — once hidden, the page is shorter,
  // and the browser's own scroll events (clamping, the detail's start at the top) must not move it.
  const offset = useRef({ page: 0, list: 0 });
  const listShown = useRef(onList);
  useLayoutEffect(() => {
    listShown.current = onList;
  });
  useEffect(() => {
    const save = () => {
      offset.current.page = window.scrollY;
      if (listShown.current) {
        offset.current.list = offset.current.page;
      }
    };
    window.addEventListener('scroll', save, { passive: true });
    return () => window.removeEventListener('scroll', save);
  }, []);
  // A page opened starts at its top; the list shown again goes back to where it was left. Only a
  // change of page moves it: a filter, a list's next page or a detail's action drawer keeps its place.
  const shownAgain = next?.shownAgain ?? 0;
  const lastShownAgain = useRef(shownAgain);
  useLayoutEffect(() => {
    const back = onList && shownAgain !== lastShownAgain.current;
    lastShownAgain.current = shownAgain;
    const target = back ? offset.current.list : 0;
    // Scrolling lays the page out at once: only when it has to move.
    if (offset.current.page !== target) {
      window.scrollTo(0, target);
    }
  }, [location.pathname]); // eslint-disable-line react-hooks/exhaustive-deps

  const keptLocation = next?.location ?? null;
  // The setter stays the same while the list's address does (the table's callbacks are built on it).
  const setParams = useCallback<ListAddress['setParams']>(
    (params, options) => {
      if (keptLocation) {
        void navigate({ pathname: keptLocation.pathname, search: `?${new URLSearchParams(params)}` }, options);
      }
    },
    [keptLocation, navigate],
  );
  const address = useMemo<ListAddress | null>(
    () => keptLocation && { location: keptLocation, setParams, shownAgain },
    [keptLocation, setParams, shownAgain],
  );
  const Page = keptLocation ? lists[trimmed(keptLocation.pathname)] : undefined;
  // The same element while the list's address stays: React then skips the hidden list (50 rows)
  // on every render of the detail in front of it.
  const list = useMemo(
    () =>
      Page && (
        <ListAddressContext.Provider value={address}>
          <Page />
        </ListAddressContext.Provider>
      ),
    [Page, address],
  );

  return (
    <>
      {list && (
        // display:none keeps the rows out of layout and out of the accessibility tree while hidden.
        <div className="kept-list" hidden={!onList}>
          {list}
        </div>
      )}
      {!onList && outlet}
    </>
  );
}
