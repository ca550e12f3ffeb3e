/** Control characters, and the bidirectional overrides that can disguise `exe.pdf` as `fdp.exe`. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A file name safe to store and to send back in Content-Disposition: no directories, no control or
 * bidi characters, no leading dots, at most 255 bytes of UTF-8 (the extension kept). It is only ever
 * shown to people; storage keys are generated.
 */
export function sanitizeFileName(input: string, fallback = '附件'): string {
  const base = input.split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(UNSAFE, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  if (!name) {
    return fallback;
  }
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  let stem = ext ? name.slice(0, dot) : name;
  while (Buffer.byteLength(stem + ext, 'utf8') > 255) {
    stem = stem.slice(0, -1);
  }
  name = stem + ext;
  return name || fallback;
}

/** `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string, inline = false): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
