import { Button, SimpleGrid, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../app/QueryView.js';
import { useDateTime } from '../../../i18n/format.js';
import { useReadReceipts, type Reader } from './papers.api.js';

/** For the office: who has read the latest version of a paper and who has not; fetched when asked for. */
export function PaperReceipts({ meetingId, paperId }: { meetingId: string; paperId: string }) {
  const { t } = useTranslation();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const receipts = useReadReceipts(meetingId, paperId, open);
  return (
    <Stack gap="xs">
      <Button
        variant="subtle"
        size="xs"
        w="fit-content"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {open ? t('cabinetPapers.receipts.hide') : t('cabinetPapers.receipts.show')}
      </Button>
      <div id={panelId} hidden={!open}>
        {open ? (
          <QueryView query={receipts}>
            {(data) => (
              <Stack gap="xs">
                <Text size="sm" fw={600}>
                  {t('cabinetPapers.receipts.title', { version: data.latestVersion ?? '—' })}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <ReaderList
                    label={t('cabinetPapers.receipts.read', { n: data.read.length })}
                    readers={data.read}
                    latest={data.latestVersion}
                  />
                  <ReaderList
                    label={t('cabinetPapers.receipts.notRead', { n: data.notRead.length })}
                    readers={data.notRead}
                    latest={data.latestVersion}
                  />
                </SimpleGrid>
              </Stack>
            )}
          </QueryView>
        ) : null}
      </div>
    </Stack>
  );
}

function ReaderList({ label, readers, latest }: { label: string; readers: Reader[]; latest: number | null }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const headingId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} id={headingId}>
        {label}
      </Text>
      {readers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cabinetPapers.receipts.nobody')}
        </Text>
      ) : (
        <ul aria-labelledby={headingId} style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
          {readers.map((r) => (
            <li key={r.personId}>
              <Text size="sm" component="span">
                {r.displayName ?? t('cabinetPapers.receipts.unnamed')}
                {r.lastReadAt && r.lastVersionRead === latest
                  ? ` — ${t('cabinetPapers.receipts.readAt', { time: dateTime(r.lastReadAt) })}`
                  : r.lastVersionRead !== null
                    ? ` — ${t('cabinetPapers.receipts.olderVersion', { version: r.lastVersionRead })}`
                    : ''}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}
