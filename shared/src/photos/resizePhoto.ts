import { exifOrientation, exifSegment, jpegSize, uprightExif, withExif } from './jpegExif';

/*
 * The browser parts used here (a File, createImageBitmap, a canvas), declared structurally: shared
 * is also compiled with the server, whose code must not see the DOM's types. The staff page and the
 * H5 pages pass their DOM `File`s, which fit `PhotoFile`.
 */
interface PhotoFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly lastModified: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface Bitmap {
  readonly width: number;
  readonly height: number;
  close(): void;
}
interface Canvas2D {
  imageSmoothingEnabled: boolean;
  imageSmoothingQuality: 'low' | 'medium' | 'high';
  drawImage(image: Bitmap, dx: number, dy: number, dw: number, dh: number): void;
}
interface Canvas {
  width: number;
  height: number;
  getContext(contextId: '2d'): Canvas2D | null;
  toBlob(callback: (blob: { arrayBuffer(): Promise<ArrayBuffer> } | null) => void, type: string, quality: number): void;
}
interface Browser {
  createImageBitmap?: (image: PhotoFile, options: { imageOrientation: 'from-image' }) => Promise<Bitmap>;
  document: { createElement(tagName: 'canvas'): Canvas };
  File: new (bits: Uint8Array<ArrayBuffer>[], name: string, options: { type: string; lastModified: number }) => PhotoFile;
}
const browser = globalThis as unknown as Browser;

/** How far photos are shrunk before upload: the server's `photoUpload` configuration. */
export interface PhotoSettings {
  /** Longest side in pixels. */
  maxSide: number;
  /** JPEG quality, 0.5–1. */
  jpegQuality: number;
}

function isJpeg(file: PhotoFile): boolean {
  return file.type === 'image/jpeg' || /\.jpe?g$/i.test(file.name);
}

function encode(canvas: Canvas, quality: number): Promise<{ arrayBuffer(): Promise<ArrayBuffer> }> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality),
  );
}

/**
 * A phone photo shrunk to the configured long side and JPEG quality, with the camera's EXIF (capture
 * time, GPS — the server's evidence of when and where work was done) copied into the new file.
 * The browser turns the pixels upright as it decodes (EXIF Orientation), so the copied tag is reset
 * to 1; a browser that did not turn them (an old WebView: width and height not swapped for a
 * 90° photo) keeps the pixels as they are and the tag with them.
 * Anything that is not a large JPEG (PNG, HEIC, PDF, a small photo), or a photo the device cannot
 * decode, is returned unchanged: shrinking only saves time, it never stops an upload.
 */
export async function preparePhoto<F extends PhotoFile>(file: F, settings: PhotoSettings): Promise<F> {
  const decode = browser.createImageBitmap?.bind(browser);
  if (!isJpeg(file) || typeof decode !== 'function') {
    return file;
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const size = jpegSize(bytes);
    if (!size || Math.max(size.width, size.height) <= settings.maxSide) {
      return file;
    }
    const exif = exifSegment(bytes);
    const orientation = exif ? exifOrientation(exif) : 1;
    const bitmap = await decode(file, { imageOrientation: 'from-image' });
    const turned = orientation < 5 || bitmap.width === size.height;
    const scale = settings.maxSide / Math.max(bitmap.width, bitmap.height);
    const canvas = browser.document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext('2d');
    if (!context) {
      bitmap.close();
      return file;
    }
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const encoded = new Uint8Array(await (await encode(canvas, settings.jpegQuality)).arrayBuffer());
    // Frees the pixels now: three 12-megapixel photos would otherwise hold ~150 MB on a phone.
    canvas.width = 0;
    canvas.height = 0;
    const result = exif ? withExif(encoded, turned ? uprightExif(exif) : exif) : encoded;
    if (result.length >= file.size) {
      return file;
    }
    // The browser's File constructor makes the same kind of object the caller passed in.
    return new browser.File([result], file.name, { type: 'image/jpeg', lastModified: file.lastModified }) as F;
  } catch {
    return file;
  }
}
