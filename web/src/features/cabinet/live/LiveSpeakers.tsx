import { ActionIcon, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveSpeaker } from './live.api.js';
import type { RoomPanelProps } from './LiveMine.js';
import { clock, since, useServerNow } from './useLiveRoom.js';

const STATE_COLOR: Record<LiveSpeaker['state'], string> = {
  requested: 'gray',
  called: 'orange',
  speaking: 'green',
  done: 'dark',
  withdrawn: 'gray',
};
const LIMITS = [0, 120, 180, 300, 420, 600];

/** The list of speakers of the current item; the chair calls, starts, stops and reorders them. */
export function LiveSpeakers({
  snapshot,
  runsRoom,
  run,
  pending,
  offsetMs,
}: RoomPanelProps & { offsetMs: number }) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState('180');
  const list = snapshot.speakers.filter((s) => s.state !== 'withdrawn');
  const waiting = list.filter((s) => s.state === 'requested' || s.state === 'called');
  const running = list.some((s) => s.state === 'speaking');
  const now = useServerNow(offsetMs, running);
  const live = snapshot.meeting.status === 'in_progress' && snapshot.currentItemId !== null;
  const move = (id: string, by: -1 | 1) => {
    const ids = waiting.map((s) => s.id);
    const at = ids.indexOf(id);
    const to = at + by;
    if (to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    run('/speakers/order', { speakerIds: ids });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="live-speakers">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title id="live-speakers" order={2} size="h4">
            {t('cabinetLive.speakers.heading')}
          </Title>
          {runsRoom && live ? (
            <NativeSelect
              size="xs"
              label={t('cabinetLive.speakers.limit')}
              value={limit}
              onChange={(e) => setLimit(e.currentTarget.value)}
              data={LIMITS.map((s) => ({
                value: String(s),
                label: s
                  ? t('cabinetLive.speakers.minutes', { count: s / 60 })
                  : t('cabinetLive.speakers.noLimit'),
              }))}
            />
          ) : null}
        </Group>
        {list.length === 0 ? <Text c="dimmed">{t('cabinetLive.speakers.empty')}</Text> : null}
        <Stack
          gap="xs"
          component="ol"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          data-testid="live-speakers"
        >
          {list.map((s) => {
            const index = waiting.findIndex((w) => w.id === s.id);
            const spent = s.spentSeconds + (s.state === 'speaking' ? since(s.startedAt, now) : 0);
            return (
              <li key={s.id}>
                <Paper
                  withBorder
                  p="xs"
                  radius="sm"
                  bg={s.state === 'speaking' ? 'var(--mantine-color-green-light)' : undefined}
                >
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 12rem' }}>
                      <Text fw={600} className="cpdt-wrap">
                        {s.displayName}
                      </Text>
                      <Badge color={STATE_COLOR[s.state]} variant="light" style={{ flexShrink: 0 }}>
                        {t(`cabinetLive.speakers.states.${s.state}`)}
                      </Badge>
                    </Group>
                    {s.state === 'speaking' || s.state === 'done' ? (
                      <Text
                        ff="monospace"
                        size="sm"
                        c={s.limitSeconds && spent > s.limitSeconds ? 'red' : undefined}
                      >
                        {s.limitSeconds
                          ? t('cabinetLive.speakers.elapsed', {
                              elapsed: clock(spent),
                              limit: clock(s.limitSeconds),
                            })
                          : clock(spent)}
                      </Text>
                    ) : null}
                  </Group>
                  {runsRoom && live && s.state !== 'done' ? (
                    <Group gap="xs" mt="xs" wrap="wrap">
                      {s.state === 'requested' ? (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => run(`/speakers/${s.id}/call`)}
                          loading={pending}
                        >
                          {t('cabinetLive.speakers.call')}
                        </Button>
                      ) : null}
                      {s.state === 'requested' || s.state === 'called' ? (
                        <Button
                          size="xs"
                          onClick={() =>
                            run(`/speakers/${s.id}/start`, {
                              limitSeconds: Number(limit) > 0 ? Number(limit) : null,
                            })
                          }
                          loading={pending}
                        >
                          {t('cabinetLive.speakers.start')}
                        </Button>
                      ) : null}
                      {s.state === 'speaking' ? (
                        <Button
                          size="xs"
                          color="red"
                          onClick={() => run(`/speakers/${s.id}/stop`)}
                          loading={pending}
                        >
                          {t('cabinetLive.speakers.stop')}
                        </Button>
                      ) : null}
                      {index >= 0 ? (
                        <>
                          <ActionIcon
                            variant="default"
                            size="lg"
                            disabled={index === 0 || pending}
                            aria-label={t('cabinetLive.speakers.up', { name: s.displayName })}
                            onClick={() => move(s.id, -1)}
                          >
                            <span aria-hidden>↑</span>
                          </ActionIcon>
                          <ActionIcon
                            variant="default"
                            size="lg"
                            disabled={index === waiting.length - 1 || pending}
                            aria-label={t('cabinetLive.speakers.down', { name: s.displayName })}
                            onClick={() => move(s.id, 1)}
                          >
                            <span aria-hidden>↓</span>
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            size="lg"
                            disabled={pending}
                            aria-label={t('cabinetLive.speakers.strike', { name: s.displayName })}
                            onClick={() => run(`/speakers/${s.id}/withdraw`)}
                          >
                            <span aria-hidden>×</span>
                          </ActionIcon>
                        </>
                      ) : null}
                    </Group>
                  ) : null}
                </Paper>
              </li>
            );
          })}
        </Stack>
        {snapshot.speakingTime.length ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('cabinetLive.speakers.totals')}
            </Text>
            {snapshot.speakingTime.map((p) => (
              <Group key={p.personId} justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" className="cpdt-wrap">
                  {p.displayName}
                </Text>
                <Text size="sm" ff="monospace">
                  {clock(
                    p.seconds +
                      (p.speakingSince ? Math.max(0, (now - Date.parse(snapshot.serverTime)) / 1000) : 0),
                  )}
                </Text>
              </Group>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
