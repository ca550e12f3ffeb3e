import { useEffect, useState } from 'react';
import type { UtilityPublicView } from '@wc/shared';
import { isH5 } from '../utils/platform';
import { request } from './request';

/** What the H5 header shows of the utility: its short name (else its name) and its logo. */
export interface UtilityBrand {
  title: string;
  logoUrl: string | null;
}

const STORAGE_KEY = 'wc.utilityBrand';
let pending: Promise<UtilityBrand | null> | null = null;

function stored(): UtilityBrand | null {
  try {
    const text = window.sessionStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as UtilityBrand) : null;
  } catch {
    return null;
  }
}

/**
 * GET /api/settings/utility (no login needed) — fetched once per browser session and kept in
 * sessionStorage, so page changes do not ask again. Only the H5 pages ask: in the mini program,
 * WeChat shows the mini program's own registered name and icon.
 */
export function loadUtilityBrand(): Promise<UtilityBrand | null> {
  if (!isH5) {
    return Promise.resolve(null);
  }
  const known = stored();
  if (known) {
    return Promise.resolve(known);
  }
  pending ??= request<UtilityPublicView>('/api/settings/utility', { auth: false, toast: false }).then(
    ({ data }) => {
      const brand = { title: data.shortName ?? data.name, logoUrl: data.logoUrl };
      try {
        window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(brand));
      } catch {
        // Private browsing without storage: asked again on the next page load, no harm.
      }
      return brand;
    },
    () => {
      pending = null;
      return null;
    },
  );
  return pending;
}

/** The utility's brand for the H5 header (null in the mini program, and until it is loaded). */
export function useUtilityBrand(): UtilityBrand | null {
  const [brand, setBrand] = useState<UtilityBrand | null>(() => (isH5 ? stored() : null));
  useEffect(() => {
    let live = true;
    void loadUtilityBrand().then((b) => live && setBrand(b));
    return () => {
      live = false;
    };
  }, []);
  return brand;
}
