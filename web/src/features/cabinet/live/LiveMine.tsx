import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LiveSnapshot, LiveViewer } from './live.api.js';

export type Run = (path: string, body?: object) => void;

/** What every panel the chair and the office act through is given. */
export interface RoomPanelProps {
  snapshot: LiveSnapshot;
  runsRoom: boolean;
  run: Run;
  pending: boolean;
}

/** What a participant does in the room: check in (here or remote), ask to speak or withdraw, leave. */
export function LiveMine({
  snapshot,
  viewer,
  run,
  pending,
}: {
  snapshot: LiveSnapshot;
  viewer: LiveViewer;
  run: Run;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const me = snapshot.attendance.find((a) => a.personId === viewer.personId);
  if (!me) return null;
  const status = snapshot.meeting.status;
  if (status !== 'invited' && status !== 'in_progress') return null;
  const checkedIn = me.attendance === 'checked_in';
  const mine = snapshot.speakers.find(
    (s) =>
      s.personId === viewer.personId &&
      (s.state === 'requested' || s.state === 'called' || s.state === 'speaking'),
  );
  const waiting = snapshot.speakers.filter((s) => s.state === 'requested' || s.state === 'called');
  const place = mine ? waiting.findIndex((s) => s.id === mine.id) + 1 : 0;
  const canAsk = checkedIn && status === 'in_progress' && snapshot.currentItemId !== null;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="live-mine">
      <Stack gap="sm">
        <Title id="live-mine" order={2} size="h4">
          {t('cabinetLive.me.heading')}
        </Title>
        {checkedIn ? (
          <Text size="sm">
            {me.remote ? t('cabinetLive.me.checkedInRemote') : t('cabinetLive.me.checkedIn')}
          </Text>
        ) : (
          <Group gap="sm" grow>
            <Button onClick={() => run('/check-in', { remote: false })} loading={pending}>
              {t('cabinetLive.me.checkIn')}
            </Button>
            <Button variant="light" onClick={() => run('/check-in', { remote: true })} loading={pending}>
              {t('cabinetLive.me.checkInRemote')}
            </Button>
          </Group>
        )}
        {mine ? (
          <Text fw={600} aria-live="polite" data-testid="live-my-turn">
            {mine.state === 'speaking'
              ? t('cabinetLive.me.speaking')
              : mine.state === 'called'
                ? t('cabinetLive.me.called')
                : t('cabinetLive.me.waiting', { place })}
          </Text>
        ) : null}
        {canAsk ? (
          <Group gap="sm" grow>
            {mine && mine.state !== 'speaking' ? (
              <Button
                variant="default"
                onClick={() => run(`/speakers/${mine.id}/withdraw`)}
                loading={pending}
              >
                {t('cabinetLive.me.withdraw')}
              </Button>
            ) : null}
            {!mine ? (
              <Button size="md" onClick={() => run('/speakers')} loading={pending}>
                {t('cabinetLive.me.request')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        {checkedIn ? (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => run('/leave')}
            loading={pending}
            w="fit-content"
          >
            {t('cabinetLive.me.leave')}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
