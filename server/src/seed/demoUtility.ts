import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';
import { UTILITY_IMAGE_MAX_BYTES } from '@wc/shared';
import { spool } from '../commands/attachments/spool';
import { replaceUtilityImage, saveUtilityProfile } from '../commands/utilityProfile';
import type { AuthUser } from '../context';
import { withTransaction } from '../db/transaction';
import { services } from '../services';
import { spoolDir } from '../storage';

/** The demo utility: what a fresh `npm start` prints on every form and shows in the H5 header. */
export const DEMO_UTILITY = {
  name: '示例市自来水有限公司',
  shortName: '示例水务',
  address: '示例市人民路1号',
  phone: '96116',
  bankName: '中国工商银行示例市分行营业部',
  bankAccount: '1202020009001234567',
  accountName: '示例市自来水有限公司',
  contractPartyB: '示例市自来水有限公司',
  paymentCounters: '示例市人民路1号营业厅一楼缴费窗口（工作日 8:30–17:30），可刷卡、扫码或现金缴费',
};

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Whether (x, y) lies inside the five-pointed star of radius `r` centred on (c, c). */
function inStar(x: number, y: number, c: number, r: number): boolean {
  const points = Array.from({ length: 10 }, (_, i) => {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const radius = i % 2 === 0 ? r : r * 0.382;
    return [c + radius * Math.cos(angle), c + radius * Math.sin(angle)] as const;
  });
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * A stand-in seal: a red ring and star on a transparent ground (a PNG drawn here, so the demo needs
 * no image library and no file in the repository). Edges are smoothed by 4× supersampling.
 */
export function demoSealPng(size = 200): Buffer {
  const c = size / 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let s = 0; s < 16; s++) {
        const px = x + ((s % 4) + 0.5) / 4;
        const py = y + (Math.floor(s / 4) + 0.5) / 4;
        const d = Math.hypot(px - c, py - c);
        if ((d <= c - 2 && d >= c - 10) || inStar(px, py, c, c * 0.36)) {
          hits++;
        }
      }
      row.set([0xd8, 0x1e, 0x06, Math.round((hits / 16) * 230)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Saves the demo profile and its seal as the demo administrator, through the same commands as the admin page. */
export async function seedDemoUtility(admin: AuthUser): Promise<void> {
  await withTransaction(services().sequelize, (t) => saveUtilityProfile(admin, DEMO_UTILITY, t));
  const spooled = await spool(Readable.from([demoSealPng()]), spoolDir(services().config), { limit: UTILITY_IMAGE_MAX_BYTES });
  await replaceUtilityImage(admin, 'seal', spooled);
}
