import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF printed by Chromium (Skia), without a PDF library or poppler: objects are read
 * from the file, content streams inflated, and each text run decoded through its font's ToUnicode
 * map. Enough to check what a printed page says; not a general PDF reader (no object streams, no
 * encryption — Skia writes neither).
 */

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const pattern = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (streamAt >= 0 && /\/Length\s+(\d+)/.test(body.slice(0, streamAt))) {
      dict = body.slice(0, streamAt);
      const length = Number(/\/Length\s+(\d+)/.exec(dict)?.[1]);
      let dataStart = start + streamAt + 'stream'.length;
      if (text[dataStart] === '\r') {
        dataStart++;
      }
      if (text[dataStart] === '\n') {
        dataStart++;
      }
      const raw = pdf.subarray(dataStart, dataStart + length);
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
    pattern.lastIndex = end;
  }
  return objects;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** A ToUnicode CMap as code → text. */
function readCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    let out = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) {
      out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    }
    return out;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(parseInt(pair[1] ?? '0', 16), utf16(pair[2] ?? ''));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(range[1] ?? '0', 16);
      const hi = parseInt(range[2] ?? '0', 16);
      const target = range[3] ?? '';
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((t, i) => map.set(lo + i, utf16(t[1] ?? '')));
      } else {
        const base = target.slice(1, -1);
        const first = parseInt(base.slice(-4), 16);
        for (let code = lo; code <= hi; code++) {
          map.set(code, utf16(base.slice(0, -4)) + String.fromCharCode(first + code - lo));
        }
      }
    }
  }
  return map;
}

interface Font {
  twoByte: boolean;
  toUnicode: Map<number, string>;
}

function decode(bytes: Buffer, font: Font | undefined): string {
  if (!font) {
    return bytes.toString('latin1');
  }
  let out = '';
  const step = font.twoByte ? 2 : 1;
  for (let i = 0; i + step <= bytes.length; i += step) {
    const code = step === 2 ? bytes.readUInt16BE(i) : (bytes[i] ?? 0);
    out += font.toUnicode.get(code) ?? (step === 1 ? String.fromCharCode(code) : '');
  }
  return out;
}

function literal(text: string): Buffer {
  const unescaped = text.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return map[c] ?? String.fromCharCode(parseInt(c, 8));
  });
  return Buffer.from(unescaped, 'latin1');
}

/** The text of every page, in the order the page draws it (runs joined by spaces, pages by new lines). */
export function pdfText(pdf: Buffer): string {
  const objects = readObjects(pdf);
  const fontCache = new Map<number, Font>();
  const font = (id: number): Font => {
    const cached = fontCache.get(id);
    if (cached) {
      return cached;
    }
    const dict = objects.get(id)?.dict ?? '';
    const cmapId = ref(dict, 'ToUnicode');
    const cmap = cmapId !== null ? objects.get(cmapId)?.stream?.toString('latin1') : undefined;
    const result = { twoByte: /\/Subtype\s*\/Type0/.test(dict), toUnicode: cmap ? readCMap(cmap) : new Map<number, string>() };
    fontCache.set(id, result);
    return result;
  };
  const pages: string[] = [];
  for (const object of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(object.dict)) {
      continue;
    }
    const fonts = new Map<string, number>();
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(object.dict)?.[1] ?? '';
    for (const m of fontDict.matchAll(/\/(\S+)\s+(\d+) 0 R/g)) {
      fonts.set(m[1] ?? '', Number(m[2]));
    }
    const contentIds = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(object.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) =>
      Number(m[1]),
    );
    const runs: string[] = [];
    for (const id of contentIds) {
      const content = objects.get(id)?.stream?.toString('latin1') ?? '';
      let current: Font | undefined;
      const tokens = /\/(\S+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:[^)\\]|\\.)*)\)\s*Tj|\bET\b/g;
      let token: RegExpExecArray | null;
      while ((token = tokens.exec(content))) {
        if (token[1] !== undefined) {
          const fontId = fonts.get(token[1]);
          current = fontId !== undefined ? font(fontId) : undefined;
        } else if (token[2] !== undefined) {
          let run = '';
          for (const part of token[2].matchAll(/<([0-9a-fA-F]*)>|\(((?:[^)\\]|\\.)*)\)/g)) {
            run += decode(part[1] !== undefined ? Buffer.from(part[1], 'hex') : literal(part[2] ?? ''), current);
          }
          runs.push(run);
        } else if (token[3] !== undefined) {
          runs.push(decode(Buffer.from(token[3], 'hex'), current));
        } else if (token[4] !== undefined) {
          runs.push(decode(literal(token[4]), current));
        } else {
          runs.push('\n');
        }
      }
    }
    pages.push(runs.join(' ').replace(/ ?\n ?/g, '\n'));
  }
  return pages.join('\n\f\n');
}

/** The text with all white space removed, for checks that do not depend on how runs were split. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}
