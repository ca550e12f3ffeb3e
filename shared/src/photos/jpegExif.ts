/**
 * The few JPEG byte operations a resized phone photo needs to keep its evidence: find the EXIF
 * segment (APP1, where the camera writes capture time and GPS), reset its Orientation tag once the
 * pixels are upright, and put it into the re-encoded file, where the server reads it as from any
 * camera file (exifr, server/src/commands/attachments/exifWorker.cjs). A canvas re-encode drops
 * every metadata segment; copying the APP1 segment whole keeps all tags the camera wrote.
 * Layouts: JPEG markers (ITU-T T.81, B.1.1), EXIF APP1 and TIFF IFDs (CIPA DC-008, 4.5 and 4.6).
 */

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP1 = 0xe1;
const ORIENTATION_TAG = 0x0112;
/** "Exif\0\0" before the TIFF header in APP1. */
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];

interface Segment {
  marker: number;
  /** Offset of the 0xFF of the marker. */
  start: number;
  /** Offset after the segment. */
  end: number;
}

/** The marker segments before the image data (stops at SOS); none if the bytes are not a JPEG. */
function segments(jpeg: Uint8Array): Segment[] {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== SOI) {
    return [];
  }
  const found: Segment[] = [];
  let pos = 2;
  while (pos + 4 <= jpeg.length) {
    if (jpeg[pos] !== 0xff) {
      break;
    }
    const marker = jpeg[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === SOS || marker === EOI) {
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2; // standalone markers have no length
      continue;
    }
    const length = ((jpeg[pos + 2] ?? 0) << 8) | (jpeg[pos + 3] ?? 0);
    if (length < 2 || pos + 2 + length > jpeg.length) {
      break;
    }
    found.push({ marker, start: pos, end: pos + 2 + length });
    pos += 2 + length;
  }
  return found;
}

function isExif(jpeg: Uint8Array, segment: Segment): boolean {
  return segment.marker === APP1 && EXIF_HEADER.every((b, i) => jpeg[segment.start + 4 + i] === b);
}

/** The EXIF APP1 segment (marker to end) of a JPEG, or null when it has none. */
export function exifSegment(jpeg: Uint8Array): Uint8Array | null {
  const segment = segments(jpeg).find((s) => isExif(jpeg, s));
  return segment ? jpeg.slice(segment.start, segment.end) : null;
}

/** Width and height as encoded (the frame header), before any Orientation is applied. */
export function jpegSize(jpeg: Uint8Array): { width: number; height: number } | null {
  // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
  const frame = segments(jpeg).find((s) => s.marker >= 0xc0 && s.marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(s.marker));
  if (!frame || frame.end - frame.start < 9) {
    return null;
  }
  const view = new DataView(jpeg.buffer, jpeg.byteOffset + frame.start, frame.end - frame.start);
  return { height: view.getUint16(5), width: view.getUint16(7) };
}

/** The TIFF structure inside an EXIF segment: where IFD0 is and how numbers are written. */
function tiff(segment: Uint8Array): { view: DataView; little: boolean; ifd0: number } | null {
  const start = 4 + EXIF_HEADER.length;
  if (segment.length < start + 8) {
    return null;
  }
  const view = new DataView(segment.buffer, segment.byteOffset + start, segment.length - start);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) {
    return null;
  }
  const little = order === 0x4949;
  const ifd0 = view.getUint32(4, little);
  if (ifd0 + 2 > view.byteLength || ifd0 + 2 + view.getUint16(ifd0, little) * 12 + 4 > view.byteLength) {
    return null;
  }
  return { view, little, ifd0 };
}

/** Offset (in the TIFF view) of IFD0's Orientation entry, or null. */
function orientationEntry(t: { view: DataView; little: boolean; ifd0: number }): number | null {
  const count = t.view.getUint16(t.ifd0, t.little);
  for (let i = 0; i < count; i++) {
    const entry = t.ifd0 + 2 + i * 12;
    if (t.view.getUint16(entry, t.little) === ORIENTATION_TAG) {
      return entry;
    }
  }
  return null;
}

/** The Orientation tag (1–8) of an EXIF segment; 1 (upright) when absent or unreadable. */
export function exifOrientation(segment: Uint8Array): number {
  const t = tiff(segment);
  const entry = t ? orientationEntry(t) : null;
  if (!t || entry === null) {
    return 1;
  }
  const value = t.view.getUint16(entry + 8, t.little);
  return value >= 1 && value <= 8 ? value : 1;
}

/**
 * A copy of the segment for pixels that are now upright: Orientation 1, and IFD0 no longer links
 * the embedded thumbnail (IFD1), which is still turned as the camera held it and would be shown
 * sideways by viewers that use it.
 */
export function uprightExif(segment: Uint8Array): Uint8Array {
  const copy = segment.slice();
  const t = tiff(copy);
  if (!t) {
    return copy;
  }
  const entry = orientationEntry(t);
  if (entry !== null) {
    t.view.setUint16(entry + 8, 1, t.little);
  }
  const next = t.ifd0 + 2 + t.view.getUint16(t.ifd0, t.little) * 12;
  t.view.setUint32(next, 0, t.little);
  return copy;
}

/** The JPEG with `segment` as its EXIF, right after SOI (an APP1 EXIF it had is replaced). */
export function withExif(jpeg: Uint8Array, segment: Uint8Array): Uint8Array<ArrayBuffer> {
  const old = segments(jpeg).find((s) => isExif(jpeg, s));
  const head = jpeg.subarray(0, 2);
  const rest = old ? [jpeg.subarray(2, old.start), jpeg.subarray(old.end)] : [jpeg.subarray(2)];
  const parts = [head, segment, ...rest];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
