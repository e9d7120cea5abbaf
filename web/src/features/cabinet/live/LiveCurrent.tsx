import { Badge, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LiveSnapshot } from './live.api.js';
import { clock, since, useServerNow } from './useLiveRoom.js';

/**
 * The item under discussion, big, with the time spent against its time box and who has the floor. Both
 * are announced politely to screen readers when they change (not every second).
 */
export function LiveCurrent({ snapshot, offsetMs }: { snapshot: LiveSnapshot; offsetMs: number }) {
  const { t } = useTranslation();
  const item = snapshot.items.find((i) => i.id === snapshot.currentItemId) ?? null;
  const speaker = snapshot.speakers.find((s) => s.state === 'speaking') ?? null;
  const now = useServerNow(offsetMs, !!item?.openSince || !!speaker);
  const status = snapshot.meeting.status;
  const spent = item ? item.closedSeconds + since(item.openSince, now) : 0;
  const planned = item?.plannedMinutes ? item.plannedMinutes * 60 : null;
  const over = planned !== null && spent > planned;
  const elapsed = speaker ? speaker.spentSeconds + since(speaker.startedAt, now) : 0;
  const speakerOver = speaker?.limitSeconds ? elapsed > speaker.limitSeconds : false;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="live-current">
      <Stack gap="xs">
        <Text id="live-current" size="sm" c="dimmed" fw={600} tt="uppercase">
          {t('cabinetLive.current.heading')}
        </Text>
        <div aria-live="polite" aria-atomic="true">
          {item ? (
            <Title order={2} size="h3" className="cpdt-wrap" data-testid="live-current-item">
              {t('cabinetLive.current.item', { position: item.position, title: item.title })}
            </Title>
          ) : (
            <Text fw={600}>
              {status === 'invited' || status === 'draft'
                ? t('cabinetLive.current.notOpen')
                : status === 'in_progress'
                  ? t('cabinetLive.current.none')
                  : t('cabinetLive.current.ended')}
            </Text>
          )}
        </div>
        {item ? (
          <>
            <Group gap="xs" justify="space-between" wrap="wrap">
              <Text size="lg" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {planned
                  ? t('cabinetLive.current.spent', { spent: clock(spent), planned: clock(planned) })
                  : t('cabinetLive.current.spentNoBox', { spent: clock(spent) })}
              </Text>
              {over ? <Badge color="red">{t('cabinetLive.current.over')}</Badge> : null}
            </Group>
            {planned ? (
              <Progress
                value={Math.min(100, (spent / planned) * 100)}
                color={over ? 'red' : 'blue'}
                aria-hidden
              />
            ) : null}
          </>
        ) : null}
        <div aria-live="polite" aria-atomic="true">
          {speaker ? (
            <Group gap="xs" justify="space-between" wrap="wrap" data-testid="live-now-speaking">
              <Text fw={700} size="lg" className="cpdt-wrap">
                {t('cabinetLive.speakers.nowSpeaking', { name: speaker.displayName })}
              </Text>
              <Text ff="monospace" fw={700} c={speakerOver ? 'red' : undefined} aria-hidden>
                {speaker.limitSeconds
                  ? t('cabinetLive.speakers.elapsed', {
                      elapsed: clock(elapsed),
                      limit: clock(speaker.limitSeconds),
                    })
                  : clock(elapsed)}
              </Text>
            </Group>
          ) : null}
        </div>
      </Stack>
    </Paper>
  );
}
