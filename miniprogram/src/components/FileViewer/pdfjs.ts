// pdf.js, loaded only when a PDF is opened in the page (a chunk of its own, not on the first screen).
// The legacy build: WeChat's Android browser (XWEB/X5) is Chrome 86–116, older than the modern
// build's targets; 4.5.136 is the last release whose legacy build needs no more than Chrome 85
// (4.6 brought class static blocks, Chrome 94). Its worker is emitted as a file of the H5 build
// (new URL(…, import.meta.url)), never fetched from a CDN.
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/legacy/build/pdf.worker.min.mjs', import.meta.url).href;

export { getDocument };
export type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist/legacy/build/pdf.mjs';
