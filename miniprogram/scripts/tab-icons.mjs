// Draws the tab bar icons (WeChat wants PNG files for tabBar icons) without an image library:
// each icon is a signed-distance shape, supersampled for smooth edges, written as an RGBA PNG.
// Run `node miniprogram/scripts/tab-icons.mjs` after changing a shape; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const SAMPLES = 4;
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tabbar');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) {
    c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a 0..1 square; each returns true where the point is ink.
const stroke = 0.075;
const box = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const ring = (x, y, cx, cy, r) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= stroke / 2;
const segment = (x, y, ax, ay, bx, by) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= stroke / 2;
};
const frame = (x, y, x0, y0, x1, y1) =>
  segment(x, y, x0, y0, x1, y0) || segment(x, y, x1, y0, x1, y1) || segment(x, y, x1, y1, x0, y1) || segment(x, y, x0, y1, x0, y0);

const shapes = {
  // A house: roof and walls with a door.
  home: (x, y) =>
    segment(x, y, 0.12, 0.48, 0.5, 0.14) ||
    segment(x, y, 0.5, 0.14, 0.88, 0.48) ||
    segment(x, y, 0.22, 0.4, 0.22, 0.86) ||
    segment(x, y, 0.78, 0.4, 0.78, 0.86) ||
    segment(x, y, 0.22, 0.86, 0.78, 0.86) ||
    box(x, y, 0.42, 0.6, 0.58, 0.86),
  // A form: a sheet with lines of text.
  list: (x, y) =>
    frame(x, y, 0.2, 0.12, 0.8, 0.88) ||
    segment(x, y, 0.33, 0.34, 0.67, 0.34) ||
    segment(x, y, 0.33, 0.5, 0.67, 0.5) ||
    segment(x, y, 0.33, 0.66, 0.55, 0.66),
  // A person: head and shoulders.
  mine: (x, y) =>
    ring(x, y, 0.5, 0.34, 0.17) || (y >= 0.62 && y <= 0.9 && ring(x, y, 0.5, 0.95, 0.33)) || segment(x, y, 0.17, 0.9, 0.83, 0.9),
};

const colors = { normal: [0x7a, 0x7e, 0x83], active: [0x07, 0xc1, 0x60] };

for (const [name, inside] of Object.entries(shapes)) {
  for (const [variant, [r, g, b]] of Object.entries(colors)) {
    const rgba = Buffer.alloc(SIZE * SIZE * 4);
    for (let py = 0; py < SIZE; py++) {
      for (let px = 0; px < SIZE; px++) {
        let hits = 0;
        for (let sy = 0; sy < SAMPLES; sy++) {
          for (let sx = 0; sx < SAMPLES; sx++) {
            if (inside((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) {
              hits++;
            }
          }
        }
        const i = (py * SIZE + px) * 4;
        rgba[i] = r;
        rgba[i + 1] = g;
        rgba[i + 2] = b;
        rgba[i + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
      }
    }
    const file = path.join(out, `${name}${variant === 'active' ? '-active' : ''}.png`);
    writeFileSync(file, png(SIZE, SIZE, rgba));
  }
}
console.log(`tab bar icons written to ${out}`);
