import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { AgendaItemModal } from './AgendaItemModal.js';
import { AgendaList } from './AgendaList.js';
import { useAgenda } from './papers.api.js';

/**
 * The office's editor of one meeting's agenda and papers, shown on the meeting page to those who may
 * prepare it (the server checks every change again).
 */
export function AgendaEditor({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const agenda = useAgenda(meetingId);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md" radius="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ flex: '1 1 16rem' }}>
            <Title order={2} size="h3" id={headingId}>
              {t('cabinetPapers.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('cabinetPapers.intro')}
            </Text>
          </Stack>
          <Button onClick={() => setAdding(true)}>{t('cabinetPapers.item.add')}</Button>
        </Group>
        <SuccessNotice message={notice} onClose={() => setNotice(null)} />
        <QueryView query={agenda}>
          {(data) => <AgendaList meetingId={meetingId} agenda={data} notify={setNotice} />}
        </QueryView>
        {adding ? (
          <AgendaItemModal meetingId={meetingId} onClose={() => setAdding(false)} notify={setNotice} />
        ) : null}
      </Stack>
    </Paper>
  );
}
