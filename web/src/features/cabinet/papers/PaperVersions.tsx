import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/index.js';
import { useDateTime } from '../../../i18n/format.js';
import { Sha256 } from './Sha256.js';
import { formatSize } from './papers.format.js';
import { versionFileUrl, type Paper as PaperView } from './papers.api.js';

/** The versions of a paper, newest first: number, SHA-256, size, upload time (Vietnam time), late or not. */
export function PaperVersions({ meetingId, paper }: { meetingId: string; paper: PaperView }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const dateTime = useDateTime();
  if (paper.versions.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('cabinetPapers.paper.noVersion')}
      </Text>
    );
  const newestFirst = [...paper.versions].sort((a, b) => b.version - a.version);
  return (
    <Stack
      component="ul"
      gap={6}
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('cabinetPapers.version.listLabel', { title: paper.title })}
    >
      {newestFirst.map((v) => (
        <Paper component="li" key={v.id} withBorder radius="sm" p="xs">
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} size="sm">
                {t('cabinetPapers.version.number', { version: v.version })}
              </Text>
              {v.late ? (
                <Badge color="orange" variant="filled" size="sm">
                  {t('cabinetPapers.paper.late')}
                </Badge>
              ) : null}
              <Anchor href={versionFileUrl(meetingId, paper.id, v.version)} target="_blank" size="sm">
                {t('cabinetPapers.version.open')}
              </Anchor>
            </Group>
            <Group gap="xs" wrap="wrap">
              <Text size="sm">{t('cabinetPapers.version.sha256')}:</Text>
              <Sha256 value={v.sha256} />
            </Group>
            <Text size="sm" className="cpdt-wrap">
              {v.fileName} · {t('cabinetPapers.version.size')}: {formatSize(v.size, language)} ·{' '}
              {t('cabinetPapers.version.uploadedAt')}: {dateTime(v.uploadedAt)}
            </Text>
            {v.note ? (
              <Text size="sm" c="dimmed" className="cpdt-wrap">
                {t('cabinetPapers.version.note')}: {v.note}
              </Text>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
