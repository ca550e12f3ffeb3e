import { useEffect, useState } from 'react';
import type { UtilityImage, UtilityProfileValues, UtilityStaffView } from '@wc/shared';
import { failureFromReply, networkFailure } from '../labels';
import { API_BASE, ApiError, authHeader, fetchFile, request } from '../request';

/**
 * The utility's own details (单位信息) for the staff page: read once per page load and shared by
 * the prints and the contract form; saving in 系统管理 replaces the copy.
 */
let cached: Promise<UtilityStaffView> | null = null;

/** GET /api/settings/utility — name, phone, address, bank details, 乙方 default, image URLs (staff view). */
export function loadUtility(): Promise<UtilityStaffView> {
  cached ??= request<UtilityStaffView>('/settings/utility').then(
    (reply) => reply.data,
    (error: unknown) => {
      cached = null;
      throw error;
    },
  );
  return cached;
}

/** PUT /api/settings/utility — save the whole profile (administrators). */
export async function saveUtility(values: UtilityProfileValues): Promise<UtilityStaffView> {
  const { data } = await request<UtilityStaffView>('/settings/utility', { method: 'PUT', body: values });
  cached = Promise.resolve(data);
  return data;
}

/** PUT /api/settings/utility/seal or …/logo — replace an image (multipart, one PNG or JPEG file). */
export async function uploadUtilityImage(image: UtilityImage, file: File): Promise<UtilityStaffView> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/settings/utility/${image}`, {
      method: 'PUT',
      headers: { Accept: 'application/json', ...authHeader() },
      body: form,
    });
  } catch {
    throw new ApiError(networkFailure());
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(failureFromReply(response.status, body, response.headers.get('Retry-After')));
  }
  const data = (body as { data: UtilityStaffView }).data;
  cached = Promise.resolve(data);
  return data;
}

/** The profile once loaded (undefined meanwhile, and when it cannot be read: callers fall back). */
export function useUtility(): UtilityStaffView | undefined {
  const [profile, setProfile] = useState<UtilityStaffView>();
  useEffect(() => {
    let live = true;
    loadUtility().then(
      (p) => live && setProfile(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return profile;
}

/**
 * A staff-only image of the profile (the seal) as an object URL: fetched with the login token, since
 * tokens never go into URLs; released when the caller goes away or the image changes.
 */
export function useStaffImage(url: string | null | undefined): string | null {
  // Keyed by the URL it was made from, so a changed or removed image never shows the old one.
  const [loaded, setLoaded] = useState<{ url: string; objectUrl: string } | null>(null);
  useEffect(() => {
    if (!url) {
      return undefined;
    }
    let created: string | null = null;
    let live = true;
    fetchFile(url.replace(/^\/api/, '')).then(
      ({ blob }) => {
        if (live) {
          created = URL.createObjectURL(blob);
          setLoaded({ url, objectUrl: created });
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (created) {
        URL.revokeObjectURL(created);
      }
    };
  }, [url]);
  return url && loaded?.url === url ? loaded.objectUrl : null;
}
