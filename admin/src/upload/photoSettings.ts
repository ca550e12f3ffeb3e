import { request } from '../request';
import type { PhotoSettings } from '@wc/shared/src/photos/resizePhoto';

/** Used only when the settings cannot be read (an old server): the configuration's defaults. */
const DEFAULTS: PhotoSettings = { maxSide: 2048, jpegQuality: 0.85 };

let loaded: Promise<PhotoSettings> | null = null;

/** GET /api/uploads/photo-settings — read once per page load; the first photo waits for it. */
export function photoSettings(): Promise<PhotoSettings> {
  loaded ??= request<PhotoSettings>('/uploads/photo-settings').then(
    (reply) => reply.data,
    () => {
      loaded = null;
      return DEFAULTS;
    },
  );
  return loaded;
}
