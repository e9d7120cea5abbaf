import { Alert, Anchor, Badge, Group, Paper as Box, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PaperReceipts } from './PaperReceipts.js';
import { PaperUpload } from './PaperUpload.js';
import { PaperVersions } from './PaperVersions.js';
import type { Paper } from './papers.api.js';

/**
 * One paper: what it is, then either its versions and an upload, or — for Mật, Tối mật, Tuyệt mật — the
 * notice that it circulates on paper only, in place of any upload.
 */
export function PaperCard({
  meetingId,
  paper,
  notify,
}: {
  meetingId: string;
  paper: Paper;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Box component="li" withBorder radius="sm" p="sm">
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Badge variant="outline" color="gray">
            {t(`cabinetPapers.kind.${paper.kind}`)}
          </Badge>
          <Badge variant="light" color={paper.paperOnly ? 'red' : 'blue'}>
            {t(`cabinetPapers.classification.${paper.classification}`)}
          </Badge>
          {paper.late ? (
            <Badge variant="filled" color="orange">
              {t('cabinetPapers.paper.late')}
            </Badge>
          ) : null}
        </Group>
        <Title order={4} size="h5" className="cpdt-wrap">
          {paper.title}
        </Title>
        {paper.reference ? (
          <Text size="sm">
            {t('cabinetPapers.paper.reference')}: {paper.reference}
          </Text>
        ) : null}
        {paper.paperOnly ? (
          <Alert variant="light" color="red">
            <Stack gap={4}>
              <Text fw={600} size="sm">
                {t('cabinetPapers.paper.paperOnly')}
              </Text>
              {paper.paperCirculationNote ? (
                <Text size="sm" className="cpdt-wrap">
                  {t('cabinetPapers.paper.circulationNote')}: {paper.paperCirculationNote}
                </Text>
              ) : null}
            </Stack>
          </Alert>
        ) : (
          <>
            {paper.latestVersion ? (
              <Anchor
                component={Link}
                to={`/cabinet/meetings/${encodeURIComponent(meetingId)}/papers/${encodeURIComponent(paper.id)}`}
                aria-label={t('cabinetViewer.openNamed', { title: paper.title })}
                fw={600}
              >
                {t('cabinetViewer.open')}
              </Anchor>
            ) : null}
            <PaperVersions meetingId={meetingId} paper={paper} />
            <PaperUpload meetingId={meetingId} paper={paper} notify={notify} />
            {paper.latestVersion ? <PaperReceipts meetingId={meetingId} paperId={paper.id} /> : null}
          </>
        )}
      </Stack>
    </Box>
  );
}
