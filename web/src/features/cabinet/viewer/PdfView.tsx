import { ActionIcon, Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { markQuotes, openPdf, renderPage, type PdfDocument } from './pdf.js';
import { fetchViewPdf } from './viewer.api.js';

const ZOOMS = [0.75, 1, 1.25, 1.5, 2, 3];
/** Big enough for a finger (WCAG 2.5.5: 44 CSS pixels). */
const TOUCH = 44;

/**
 * One page of the reader's watermarked copy at a time: canvas for the picture, pdf.js's text layer above it so
 * the words can be selected. Fits the width by default; zoom scrolls inside the frame, never the page.
 */
export function PdfView({
  url,
  page,
  onPage,
  onPages,
  onSelection,
  downloadHref,
  marks,
}: {
  url: string;
  page: number;
  onPage: (page: number) => void;
  onPages: (pages: number) => void;
  /** The text selected on the page (empty when nothing is). */
  onSelection: (text: string) => void;
  downloadHref: string;
  /** Quotes of the reader's notes on this page, marked on the text. */
  marks: readonly string[];
}) {
  const { t } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const [doc, setDoc] = useState<PdfDocument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [zoom, setZoom] = useState(1);
  const [width, setWidth] = useState(0);
  const [rendering, setRendering] = useState(true);
  const pages = doc?.numPages ?? 0;
  const pagesCallback = useRef(onPages);
  pagesCallback.current = onPages;

  useEffect(() => {
    const controller = new AbortController();
    let opened: PdfDocument | null = null;
    setDoc(null);
    setError(null);
    fetchViewPdf(url, controller.signal)
      .then(openPdf)
      .then((d) => {
        if (controller.signal.aborted) return void d.destroy();
        opened = d;
        setDoc(d);
        pagesCallback.current(d.numPages);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => {
      controller.abort();
      void opened?.destroy();
    };
    // onPages is read through a ref: a new callback must not fetch the paper again
  }, [url]);

  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!doc || !width || !canvas.current || !textLayer.current) return;
    const signal = { cancelled: false };
    setRendering(true);
    renderPage(doc, Math.min(page, doc.numPages), width * zoom, canvas.current, textLayer.current, signal)
      .catch((e: unknown) => {
        if (!signal.cancelled) setError(e);
      })
      .finally(() => {
        if (!signal.cancelled) setRendering(false);
      });
    return () => {
      signal.cancelled = true;
    };
  }, [doc, page, width, zoom]);

  useEffect(() => {
    if (!rendering && textLayer.current) markQuotes(textLayer.current, marks);
  }, [marks, rendering]);

  useEffect(() => {
    const update = () => {
      const selection = document.getSelection();
      const inside =
        selection && selection.rangeCount > 0 && textLayer.current?.contains(selection.anchorNode ?? null);
      onSelection(inside ? selection.toString() : '');
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [onSelection]);

  const zoomIndex = ZOOMS.indexOf(zoom);
  return (
    <Stack gap="xs">
      <Group
        gap="xs"
        wrap="wrap"
        justify="space-between"
        role="toolbar"
        aria-label={t('cabinetViewer.toolbar.label')}
      >
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            h={TOUCH}
            disabled={page <= 1}
            onClick={() => onPage(page - 1)}
            aria-label={t('cabinetViewer.toolbar.prev')}
          >
            ‹
          </Button>
          <Text aria-live="polite" fw={600} miw="5.5rem" ta="center">
            {t('cabinetViewer.toolbar.page', { page, pages: pages || '…' })}
          </Text>
          <Button
            variant="default"
            h={TOUCH}
            disabled={!pages || page >= pages}
            onClick={() => onPage(page + 1)}
            aria-label={t('cabinetViewer.toolbar.next')}
          >
            ›
          </Button>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <ActionIcon
            variant="default"
            size={TOUCH}
            disabled={zoomIndex <= 0}
            onClick={() => setZoom(ZOOMS[zoomIndex - 1] ?? zoom)}
            aria-label={t('cabinetViewer.toolbar.zoomOut')}
          >
            −
          </ActionIcon>
          <Button
            variant="subtle"
            h={TOUCH}
            px={6}
            onClick={() => setZoom(1)}
            aria-label={t('cabinetViewer.toolbar.fit')}
            title={t('cabinetViewer.toolbar.fit')}
          >
            {t('cabinetViewer.toolbar.zoom', { percent: Math.round(zoom * 100) })}
          </Button>
          <ActionIcon
            variant="default"
            size={TOUCH}
            disabled={zoomIndex >= ZOOMS.length - 1}
            onClick={() => setZoom(ZOOMS[zoomIndex + 1] ?? zoom)}
            aria-label={t('cabinetViewer.toolbar.zoomIn')}
          >
            +
          </ActionIcon>
        </Group>
        <Button
          component="a"
          href={downloadHref}
          variant="light"
          h={TOUCH}
          title={t('cabinetViewer.toolbar.downloadHint')}
        >
          {t('cabinetViewer.toolbar.download')}
        </Button>
      </Group>
      {error ? <ErrorAlert error={error} /> : null}
      <div
        ref={frame}
        style={{
          width: '100%',
          overflow: 'auto',
          border: '1px solid var(--mantine-color-gray-4)',
          background: 'var(--mantine-color-gray-1)',
          maxHeight: '80vh',
          touchAction: 'pan-x pan-y pinch-zoom',
        }}
      >
        <div style={{ position: 'relative', width: 'max-content', margin: '0 auto' }}>
          <canvas
            ref={canvas}
            data-page={page}
            aria-label={t('cabinetViewer.pageLabel', { page })}
            role="img"
          />
          <div ref={textLayer} className="textLayer" />
        </div>
      </div>
      {rendering && !error ? (
        <Alert variant="light" color="gray" icon={<Loader size="xs" />}>
          {t('cabinetViewer.state.loading')}
        </Alert>
      ) : null}
    </Stack>
  );
}
