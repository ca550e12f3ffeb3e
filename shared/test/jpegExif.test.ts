/**
 * The byte operations that keep a shrunk photo's evidence: the camera's EXIF segment is found,
 * its Orientation read and reset, and the segment put into a re-encoded JPEG (which has none),
 * where exifr — the server's EXIF reader — finds capture time and GPS again.
 */
import exifr from 'exifr';
import { exifOrientation, exifSegment, jpegSize, uprightExif, withExif } from '../src/photos/jpegExif';
import { cameraExifSegment, withCameraExif } from '../../test/fixtures/cameraPhoto';
import { jpeg } from '../../server/test/support/sampleFiles';

const EXIF = {
  takenAt: '2026:11:20 09:30:00',
  lat: [23, 7, 30] as [number, number, number],
  lng: [113, 19, 30] as [number, number, number],
};

describe('jpegExif', () => {
  it('finds the camera segment, its Orientation and the encoded size', () => {
    const photo = new Uint8Array(withCameraExif(jpeg(), { ...EXIF, orientation: 6 }));
    const segment = exifSegment(photo);
    expect(segment && Buffer.from(segment).equals(cameraExifSegment({ ...EXIF, orientation: 6 }))).toBe(true);
    expect(exifOrientation(segment ?? new Uint8Array())).toBe(6);
    expect(jpegSize(photo)).toEqual({ width: 16, height: 12 });
    expect(exifSegment(new Uint8Array(jpeg()))).toBeNull();
    expect(jpegSize(new Uint8Array([1, 2, 3, 4]))).toBeNull();
  });

  it('puts the segment, turned upright, into a re-encoded JPEG where exifr reads time and GPS', async () => {
    const segment = exifSegment(new Uint8Array(withCameraExif(jpeg(), { ...EXIF, orientation: 6 })));
    if (!segment) {
      throw new Error('no segment');
    }
    const upright = uprightExif(segment);
    expect(exifOrientation(upright)).toBe(1);
    expect(exifOrientation(segment)).toBe(6);
    const resized = withExif(new Uint8Array(jpeg()), upright);
    const tags = (await exifr.parse(Buffer.from(resized), { gps: true, reviveValues: false, translateValues: false })) as {
      DateTimeOriginal: string;
      Orientation: number;
      latitude: number;
      longitude: number;
    };
    expect(tags.DateTimeOriginal).toBe('2026:11:20 09:30:00');
    expect(tags.Orientation).toBe(1);
    expect(tags.latitude).toBeCloseTo(23.125, 4);
    expect(tags.longitude).toBeCloseTo(113.325, 4);
    // Still a JPEG of the same picture: SOI, then the segment, then the encoder's own segments.
    expect(Array.from(resized.subarray(0, 4))).toEqual([0xff, 0xd8, 0xff, 0xe1]);
    expect(jpegSize(resized)).toEqual({ width: 16, height: 12 });
    // A second insert replaces the first instead of stacking two APP1 segments.
    expect(withExif(resized, segment).length).toBe(resized.length);
  });
});
