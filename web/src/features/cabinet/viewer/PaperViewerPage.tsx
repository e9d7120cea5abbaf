import { Alert, Anchor, Badge, Grid, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/PageHeader.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { DiscussionThread } from '../discussion/DiscussionThread.js';
import { SignedInOnly } from '../SignedInOnly.js';
import { AnnotationsPanel } from './AnnotationsPanel.js';
import { PdfView } from './PdfView.js';
import {
  downloadUrl,
  useAnnotations,
  useViewerPaper,
  viewUrl,
  type ViewerPaper,
  type ViewerVersion,
} from './viewer.api.js';

/** A paper in the in-browser viewer: its pages with the reader's name, private notes, and its discussion. */
export function PaperViewerPage() {
  const { meetingId = '', paperId = '' } = useParams();
  return (
    <SignedInOnly>
      <Viewer key={`${meetingId}/${paperId}`} meetingId={meetingId} paperId={paperId} />
    </SignedInOnly>
  );
}

function Viewer({ meetingId, paperId }: { meetingId: string; paperId: string }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<number | null>(null);
  const [waiting, setWaiting] = useState(false);
  const paper = useViewerPaper(meetingId, paperId, waiting);
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/cabinet/meetings/${encodeURIComponent(meetingId)}`} size="sm">
        ← {t('cabinetViewer.back')}
      </Anchor>
      <QueryView query={paper}>
        {(data) => {
          const shown = data.versions.find((v) => v.version === chosen) ?? data.latestVersion;
          const isWaiting = shown?.viewState === 'pending';
          if (isWaiting !== waiting) queueMicrotask(() => setWaiting(isWaiting));
          return (
            <PaperView
              meetingId={meetingId}
              paper={data}
              shown={shown}
              onChoose={(v) => setChosen(v === data.latestVersion?.version ? null : v)}
            />
          );
        }}
      </QueryView>
    </Stack>
  );
}

function PaperView({
  meetingId,
  paper,
  shown,
  onChoose,
}: {
  meetingId: string;
  paper: ViewerPaper;
  shown: ViewerVersion | null;
  onChoose: (version: number) => void;
}) {
  const { t } = useTranslation();
  // A search result links to the page where the words were found (?page=N).
  const [params] = useSearchParams();
  const [page, setPage] = useState(() => Math.max(1, Math.trunc(Number(params.get('page'))) || 1));
  const [pages, setPages] = useState(0);
  const [selection, setSelection] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const onSelection = useCallback((text: string) => setSelection(text), []);
  const annotations = useAnnotations(meetingId, paper.id, shown?.version ?? null);
  const marks = useMemo(
    () => (annotations.data?.items ?? []).filter((a) => a.anchor?.page === page).map((a) => a.selector.exact),
    [annotations.data, page],
  );
  const goTo = useCallback((n: number) => setPage(Math.max(1, pages ? Math.min(n, pages) : n)), [pages]);

  return (
    <Stack gap="md">
      <PageHeader title={paper.title} intro={t('cabinetViewer.watermark')} />
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      {paper.paperOnly ? (
        <Alert color="red" variant="light">
          {t('cabinetViewer.state.paperOnly')}
        </Alert>
      ) : !shown ? (
        <Text>{t('cabinetViewer.state.noVersion')}</Text>
      ) : (
        <>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('cabinetViewer.version.label')}
              value={String(shown.version)}
              onChange={(e) => {
                setPage(1);
                setSelection('');
                onChoose(Number(e.currentTarget.value));
              }}
              data={paper.versions.map((v) => ({
                value: String(v.version),
                label:
                  (v.version === paper.latestVersion?.version
                    ? t('cabinetViewer.version.latest', { version: v.version })
                    : t('cabinetViewer.version.option', { version: v.version })) +
                  (v.late ? ` · ${t('cabinetViewer.version.late')}` : ''),
              }))}
              styles={{ input: { minHeight: 44 } }}
            />
            {shown.late ? (
              <Badge color="orange" variant="filled" mb={10}>
                {t('cabinetViewer.version.lateBadge')}
              </Badge>
            ) : null}
          </Group>
          {shown.viewState !== 'ready' ? (
            <Alert color={shown.viewState === 'pending' ? 'blue' : 'orange'} variant="light" role="status">
              {t(`cabinetViewer.state.${shown.viewState}`)}
            </Alert>
          ) : (
            <Grid gap="md">
              <Grid.Col span={{ base: 12, md: 8 }}>
                <PdfView
                  url={viewUrl(meetingId, paper.id, shown.version)}
                  downloadHref={downloadUrl(meetingId, paper.id, shown.version)}
                  page={page}
                  onPage={goTo}
                  onPages={setPages}
                  onSelection={onSelection}
                  marks={marks}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <AnnotationsPanel
                  meetingId={meetingId}
                  paperId={paper.id}
                  version={shown.version}
                  page={page}
                  selection={selection}
                  onJump={(n) => {
                    goTo(n);
                    window.scrollTo({ top: 0, behavior: 'smooth' });
                  }}
                  notify={setNotice}
                />
              </Grid.Col>
            </Grid>
          )}
        </>
      )}
      {/* the thread names itself with its own heading */}
      <DiscussionThread meetingId={meetingId} paperId={paper.id} />
    </Stack>
  );
}
