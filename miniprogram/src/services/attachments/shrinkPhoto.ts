import type { PhotoSettings } from '@wc/shared/src/photos/resizePhoto';
import { request } from '../request';

/** Used only when the settings cannot be read (an old server, no session yet): the configuration's defaults. */
const DEFAULTS: PhotoSettings = { maxSide: 2048, jpegQuality: 0.85 };

let loaded: Promise<PhotoSettings> | null = null;

/** GET /api/uploads/photo-settings — read once per page load, when the first photo is picked. */
function photoSettings(): Promise<PhotoSettings> {
  loaded ??= request<PhotoSettings>('/api/uploads/photo-settings', { toast: false }).then(
    (reply) => reply.data,
    () => {
      loaded = null;
      return DEFAULTS;
    },
  );
  return loaded;
}

/**
 * H5 only: a picked camera photo shrunk on the phone (long side and JPEG quality from the server),
 * keeping its capture time and GPS, with the staff page's code (shared/src/photos). It is done once,
 * when the photo is picked, so that every try of the upload sends the same bytes under the same
 * `Idempotency-Key`. The WeChat build asks `chooseImage` for compressed photos instead; there the
 * branch is dropped at build time (TARO_ENV is replaced by a literal), and the code with it.
 * Anything that is not a large JPEG, or cannot be decoded, comes back unchanged.
 */
export async function shrinkPhoto(file: File): Promise<File> {
  // An `if` around the import, not an early return: webpack drops only a branch whose condition is a
  // literal, and with it the import, so the WeChat packages do not carry the encoder.
  if (process.env.TARO_ENV === 'h5') {
    // Loaded with the first photo: the form's first screen does not carry the encoder.
    const [{ preparePhoto }, settings] = await Promise.all([
      import(/* webpackChunkName: "photos" */ '@wc/shared/src/photos/resizePhoto'),
      photoSettings(),
    ]);
    return preparePhoto(file, settings);
  }
  return file;
}
