import { useSyncExternalStore } from 'react';

/** Below antd's `md` breakpoint (768 px) the staff page is laid out for a phone. */
const PHONE = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(max-width: 767.98px)') : null;

function subscribe(onChange: () => void): () => void {
  PHONE?.addEventListener('change', onChange);
  return () => PHONE?.removeEventListener('change', onChange);
}

const isPhone = () => PHONE?.matches ?? false;

/**
 * Whether the screen is phone-sized, right from the first render. antd's Grid.useBreakpoint only
 * answers after mounting: every screen rendered twice (a 50-row list included) and a phone first
 * showed the desktop layout for a moment.
 */
export function usePhone(): boolean {
  return useSyncExternalStore(subscribe, isPhone, () => false);
}
