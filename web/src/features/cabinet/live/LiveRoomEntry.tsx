import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Meeting } from '../cabinet.api.js';
import { StatusBadge } from '../MeetingBadges.js';

const SHOWN = new Set<Meeting['status']>(['invited', 'in_progress', 'ended', 'concluded']);

/** The way into the live meeting room from the meeting page, for its participants and its office. */
export function LiveRoomEntry({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const involved = meeting.me.role !== null || meeting.me.mayPrepare || meeting.me.onBehalfOf.length > 0;
  if (!involved || !SHOWN.has(meeting.status)) return null;
  const note =
    meeting.status === 'invited'
      ? t('cabinetLive.entry.ready')
      : meeting.status === 'in_progress'
        ? t('cabinetLive.entry.live')
        : t('cabinetLive.entry.ended');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="live-entry">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title id="live-entry" order={2} size="h3">
            {t('cabinetLive.entry.title')}
          </Title>
          <StatusBadge status={meeting.status} />
        </Group>
        <Text size="sm">{note}</Text>
        <Button
          component={Link}
          to={`/cabinet/meetings/${encodeURIComponent(meeting.id)}/live`}
          w={{ base: '100%', xs: 'fit-content' }}
          variant={meeting.status === 'in_progress' ? 'filled' : 'light'}
        >
          {t('cabinetLive.entry.enter')}
        </Button>
      </Stack>
    </Paper>
  );
}
