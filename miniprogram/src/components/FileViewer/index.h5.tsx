import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { freshDownloadUrl, linksStale, originalUrl } from '../../services/attachments';
import type { Attachment } from '../../services/types';
import type { PDFDocumentProxy, RenderTask } from './pdfjs';
import './index.scss';

/** pdf.js arrives in its own chunk when the first PDF is opened; the first screen does not carry it. */
const loadPdfjs = () => import(/* webpackChunkName: "pdfjs" */ './pdfjs');

/** Copied next to the H5 build (config/index.ts): character maps for PDFs whose Chinese fonts are not embedded. */
const CMAP_URL = '/h5/static/pdfjs/cmaps/';

const ZOOMS = [1, 1.5, 2, 3];
/** Phones refuse (or draw blank) canvases much above this many pixels; larger pages are drawn coarser. */
const MAX_CANVAS_PIXELS = 8_000_000;

interface PageSize {
  width: number;
  height: number;
}

/** One page: a placeholder of the page's size, drawn when it comes near the screen and cleared when far away (memory). */
function PdfPage({
  doc,
  number,
  width,
  size,
  onShown,
}: {
  doc: PDFDocumentProxy;
  number: number;
  width: number;
  size: PageSize;
  onShown: (page: number) => void;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [near, setNear] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = holder.current;
    if (!element) {
      return undefined;
    }
    const nearby = new IntersectionObserver(([entry]) => setNear(entry?.isIntersecting ?? false), { rootMargin: '150% 0px' });
    const onScreen = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting) {
          onShown(number);
        }
      },
      { threshold: 0.5 },
    );
    nearby.observe(element);
    onScreen.observe(element);
    return () => {
      nearby.disconnect();
      onScreen.disconnect();
    };
  }, [number, onShown]);

  const cssHeight = Math.round((width * size.height) / size.width);
  useEffect(() => {
    const target = canvas.current;
    if (!near || !target) {
      return undefined;
    }
    let task: RenderTask | null = null;
    let cancelled = false;
    void (async () => {
      const page = await doc.getPage(number);
      const base = page.getViewport({ scale: 1 });
      let scale = (width / base.width) * Math.min(window.devicePixelRatio || 1, 2);
      const pixels = base.width * base.height * scale * scale;
      if (pixels > MAX_CANVAS_PIXELS) {
        scale *= Math.sqrt(MAX_CANVAS_PIXELS / pixels);
      }
      const viewport = page.getViewport({ scale });
      const context = target.getContext('2d');
      if (cancelled || !context) {
        return;
      }
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      task = page.render({ canvasContext: context, viewport });
      await task.promise;
    })().catch((error: unknown) => {
      if (!cancelled && (error as { name?: string }).name !== 'RenderingCancelledException') {
        setFailed(true);
      }
    });
    return () => {
      cancelled = true;
      task?.cancel();
      // Far from the screen again: give the pixels back (a 30-page drawing would not fit in a phone's memory).
      target.width = 0;
      target.height = 0;
    };
  }, [doc, near, number, width]);

  return (
    <div ref={holder} className="pdf-viewer__page" style={{ width: `${width}px`, height: `${cssHeight}px` }}>
      <canvas ref={canvas} className="pdf-viewer__canvas" style={{ width: `${width}px`, height: `${cssHeight}px` }} />
      {failed && <span className="pdf-viewer__page-error">第 {number} 页无法显示</span>}
      <span className="pdf-viewer__page-number">{number}</span>
    </div>
  );
}

/**
 * A PDF's pages drawn with pdf.js inside the page (WeChat's Android browser shows no PDF itself):
 * the page count, the page on screen, pages as wide as the phone, zoom buttons (the H5 pages turn
 * off pinch zoom) with sideways scrolling when zoomed in. Pages are drawn as they come near.
 */
export function PdfPages({ url }: { url: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [sizes, setSizes] = useState<PageSize[]>([]);
  const [error, setError] = useState(false);
  const [zoom, setZoom] = useState(0);
  const [current, setCurrent] = useState(1);
  const [frameWidth, setFrameWidth] = useState(0);
  const frame = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    const loading = loadPdfjs().then(({ getDocument }) =>
      // No eval (the pages' CSP forbids it, and it keeps font programs from running code).
      getDocument({ url, isEvalSupported: false, cMapUrl: CMAP_URL, cMapPacked: true, disableAutoFetch: true }),
    );
    void loading
      .then(async (task) => {
        const opened = await task.promise;
        // Every page's size up front, so that placeholders keep the layout still while pages are drawn.
        const all = await Promise.all(
          Array.from({ length: opened.numPages }, async (_, i) => {
            const view = (await opened.getPage(i + 1)).getViewport({ scale: 1 });
            return { width: view.width, height: view.height };
          }),
        );
        if (!cancelled) {
          setSizes(all);
          setDoc(opened);
        }
      })
      .catch(() => {
        if (!cancelled) {
          setError(true);
        }
      });
    return () => {
      cancelled = true;
      void loading.then((task) => task.destroy()).catch(() => undefined);
    };
  }, [url]);

  useEffect(() => {
    const element = frame.current;
    if (!element) {
      return undefined;
    }
    const measure = () => setFrameWidth(element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onShown = useCallback((page: number) => setCurrent(page), []);
  const width = Math.floor(frameWidth * (ZOOMS[zoom] ?? 1));

  return (
    <div className="pdf-viewer">
      <div className="pdf-viewer__bar">
        <span className="pdf-viewer__count">
          {doc ? `第 ${current} 页 / 共 ${doc.numPages} 页` : error ? 'PDF 无法显示' : '正在打开 PDF…'}
        </span>
        <span className="pdf-viewer__zoom">
          <button type="button" className="pdf-viewer__zoom-button" disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>
            缩小
          </button>
          <button type="button" className="pdf-viewer__zoom-button" disabled={zoom === ZOOMS.length - 1} onClick={() => setZoom(zoom + 1)}>
            放大
          </button>
        </span>
      </div>
      {error && <p className="pdf-viewer__error">这份 PDF 无法在页面中显示，请下载原文件查看。</p>}
      <div ref={frame} className="pdf-viewer__frame">
        {doc &&
          width > 0 &&
          sizes.map((size, i) => <PdfPage key={i + 1} doc={doc} number={i + 1} width={width} size={size} onShown={onShown} />)}
      </div>
    </div>
  );
}

/**
 * The original file behind a plain link (WeChat's browser ignores script-started downloads). The
 * listing's signed links last 15 minutes: an older one is fetched again before the link is followed.
 */
export function OriginalLink({ file }: { file: Attachment }) {
  const [refreshed, setRefreshed] = useState<{ id: number; url: string } | null>(null);
  const href = refreshed?.id === file.id ? refreshed.url : originalUrl(file);
  if (!href) {
    return null;
  }
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!linksStale(file)) {
      return;
    }
    event.preventDefault();
    void freshDownloadUrl(file).then((url) => {
      setRefreshed({ id: file.id, url });
      window.location.href = url;
    });
  };
  return (
    <div className="file-viewer__download">
      <a className="file-viewer__original" href={href} download={file.originalName || file.displayName} rel="noopener" onClick={follow}>
        下载原文件
      </a>
      <p className="file-viewer__hint">在微信里可能无法保存文件：可点右上角「···」，选择「在浏览器打开」后再下载。</p>
    </div>
  );
}
