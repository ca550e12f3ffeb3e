// The text of a PDF read from stdin, as Mozilla's pdf.js extracts it, printed as JSON
// ({ pages, text }): one line per page. pdf.js is published as ES modules only, so the tests
// (CommonJS under jest) run it in a child process. Embedded CJK fonts are decoded through their
// ToUnicode maps, as a reader's 复制文本 would.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const content = await (await doc.getPage(i)).getTextContent();
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}
process.stdout.write(JSON.stringify({ pages: doc.numPages, text: pages.join('\n') }));
