import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AttendanceBadge } from '../MeetingBadges.js';
import type { RoomPanelProps } from './LiveMine.js';

/** Who is here (in the room or remote), who is excused, who has not come, and whether there is a quorum. */
export function LiveAttendance({ snapshot, runsRoom, run, pending }: RoomPanelProps) {
  const { t } = useTranslation();
  const q = snapshot.quorum;
  const open = snapshot.meeting.status === 'invited' || snapshot.meeting.status === 'in_progress';
  const groups = [
    { key: 'present', people: snapshot.attendance.filter((a) => a.attendance === 'checked_in') },
    { key: 'absentApproved', people: snapshot.attendance.filter((a) => a.attendance === 'absence_approved') },
    {
      key: 'others',
      people: snapshot.attendance.filter(
        (a) => a.attendance !== 'checked_in' && a.attendance !== 'absence_approved',
      ),
    },
  ] as const;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="live-attendance">
      <Stack gap="sm">
        <Title id="live-attendance" order={2} size="h4">
          {t('cabinetLive.attendance.heading')}
        </Title>
        <Group gap="xs" wrap="wrap" aria-live="polite" aria-atomic="true">
          <Badge color={q.reached ? 'green' : 'red'} size="lg" variant="light">
            {q.reached ? t('cabinetLive.attendance.reached') : t('cabinetLive.attendance.notReached')}
          </Badge>
          <Text size="sm">{t('cabinetLive.attendance.quorum', q)}</Text>
        </Group>
        {groups.map((g) =>
          g.people.length ? (
            <Stack key={g.key} gap={4}>
              <Text size="sm" fw={600}>
                {t(`cabinetLive.attendance.${g.key}`)} ({g.people.length})
              </Text>
              {g.people.map((a) => (
                <Group key={a.personId} justify="space-between" gap="xs" wrap="wrap">
                  <Text size="sm" className="cpdt-wrap" style={{ flex: '1 1 10rem', minWidth: 0 }}>
                    {a.displayName}
                    {a.remote && a.attendance === 'checked_in'
                      ? ` · ${t('cabinetLive.attendance.remote')}`
                      : ''}
                  </Text>
                  <Group gap="xs" wrap="nowrap">
                    {g.key === 'others' ? <AttendanceBadge attendance={a.attendance} /> : null}
                    {runsRoom && open && g.key !== 'present' ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => run('/check-in', { personId: a.personId })}
                        loading={pending}
                        aria-label={`${t('cabinetLive.chair.checkInFor')}: ${a.displayName}`}
                      >
                        {t('cabinetLive.chair.checkInFor')}
                      </Button>
                    ) : null}
                  </Group>
                </Group>
              ))}
            </Stack>
          ) : null,
        )}
      </Stack>
    </Paper>
  );
}
