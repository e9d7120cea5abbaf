import { Alert, Anchor, Grid, Group, Stack } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { PageLoader } from '../../../app/PageLoader.js';
import { StatusBadge } from '../MeetingBadges.js';
import { SignedInOnly } from '../SignedInOnly.js';
import { useLiveAction } from './live.api.js';
import { LiveAgenda } from './LiveAgenda.js';
import { LiveAttendance } from './LiveAttendance.js';
import { LiveCurrent } from './LiveCurrent.js';
import { LiveMine } from './LiveMine.js';
import { LiveOpinions } from './LiveOpinions.js';
import { LiveSpeakers } from './LiveSpeakers.js';
import { PollPanel } from './PollPanel.js';
import { useLiveRoom } from './useLiveRoom.js';

/** /cabinet/meetings/:meetingId/live: the meeting room, the same for everyone in the room and remote. */
export function LiveRoomPage() {
  const { meetingId = '' } = useParams();
  return (
    <SignedInOnly>
      <LiveRoom meetingId={meetingId} />
    </SignedInOnly>
  );
}

function LiveRoom({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const room = useLiveRoom(meetingId);
  const action = useLiveAction(meetingId, room.connected ? () => undefined : room.refresh);
  const { mutate, reset } = action;
  const run = useCallback(
    (path: string, body?: object) => {
      reset();
      mutate({ path, ...(body ? { body } : {}) });
    },
    [mutate, reset],
  );
  const { snapshot, viewer } = room;
  const back = (
    <Anchor
      component={Link}
      to={`/cabinet/meetings/${encodeURIComponent(meetingId)}`}
      size="sm"
      w="fit-content"
    >
      <span aria-hidden>← </span>
      {t('cabinetLive.back')}
    </Anchor>
  );
  if (room.failure)
    return (
      <Stack gap="md">
        {back}
        <Alert color="red" role="alert">
          {room.failure === 'not_found' ? t('cabinetLive.notFound') : t('cabinetLive.signIn')}
        </Alert>
      </Stack>
    );

  const banner =
    !room.connected && snapshot ? (
      <Alert color="yellow" role="status" data-testid="live-reconnecting">
        {room.online ? t('cabinetLive.reconnecting') : t('cabinetLive.offline')}
      </Alert>
    ) : null;
  if (!snapshot || !viewer)
    return (
      <Stack gap="md">
        {back}
        {banner}
        <PageLoader />
      </Stack>
    );

  const pending = action.isPending;
  const runsRoom = viewer.runsRoom;
  const common = { snapshot, run, pending };
  return (
    <Stack gap="md" maw={1200}>
      {back}
      <PageHeader
        title={snapshot.meeting.title}
        intro={t('cabinetLive.title')}
        actions={
          <Group gap="xs">
            <StatusBadge status={snapshot.meeting.status} />
          </Group>
        }
      />
      {banner}
      {action.isError ? <ErrorAlert error={action.error} /> : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <LiveCurrent snapshot={snapshot} offsetMs={room.offsetMs} />
            <LiveMine {...common} viewer={viewer} />
            <PollPanel meetingId={meetingId} snapshot={snapshot} viewer={viewer} refresh={room.refresh} />
            <LiveSpeakers {...common} runsRoom={runsRoom} offsetMs={room.offsetMs} />
            {runsRoom ? <LiveOpinions snapshot={snapshot} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <LiveAgenda {...common} runsRoom={runsRoom} offsetMs={room.offsetMs} />
            <LiveAttendance {...common} runsRoom={runsRoom} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
