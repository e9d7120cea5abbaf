import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../app/ConfirmModal.js';
import type { AgendaState } from './live.api.js';
import type { RoomPanelProps } from './LiveMine.js';
import { clock, since, useServerNow } from './useLiveRoom.js';

const STATE_COLOR: Record<AgendaState, string> = {
  pending: 'gray',
  in_discussion: 'green',
  done: 'dark',
  deferred: 'orange',
};

/** The agenda with time spent per item; the chair and the office open, move through and end the meeting. */
export function LiveAgenda({
  snapshot,
  runsRoom,
  run,
  pending,
  offsetMs,
}: RoomPanelProps & { offsetMs: number }) {
  const { t } = useTranslation();
  const [ending, setEnding] = useState(false);
  const status = snapshot.meeting.status;
  const live = status === 'in_progress';
  const now = useServerNow(
    offsetMs,
    snapshot.items.some((i) => i.openSince),
  );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="live-agenda">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title id="live-agenda" order={2} size="h4">
            {runsRoom ? t('cabinetLive.chair.heading') : t('cabinetLive.agenda.heading')}
          </Title>
          {runsRoom && status === 'invited' ? (
            <Button onClick={() => run('/open')} loading={pending}>
              {t('cabinetLive.chair.open')}
            </Button>
          ) : null}
        </Group>
        <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {snapshot.items.map((item) => {
            const spent = item.closedSeconds + since(item.openSince, now);
            const planned = item.plannedMinutes ? item.plannedMinutes * 60 : null;
            const current = item.id === snapshot.currentItemId;
            return (
              <li key={item.id}>
                <Paper
                  withBorder={current}
                  p="xs"
                  radius="sm"
                  bg={current ? 'var(--mantine-color-blue-light)' : undefined}
                >
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <Text
                      fw={current ? 700 : 500}
                      className="cpdt-wrap"
                      style={{ flex: '1 1 12rem', minWidth: 0 }}
                    >
                      {item.position}. {item.title}
                    </Text>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" ff="monospace" c={planned && spent > planned ? 'red' : 'dimmed'}>
                        {t('cabinetLive.agenda.spent', {
                          spent: clock(spent),
                          planned: planned ? clock(planned) : '—',
                        })}
                      </Text>
                      <Badge color={STATE_COLOR[item.state]} variant="light" style={{ flexShrink: 0 }}>
                        {t(`cabinetLive.agenda.states.${item.state}`)}
                      </Badge>
                    </Group>
                  </Group>
                  {runsRoom && live ? (
                    <Group gap="xs" mt="xs">
                      {item.state === 'pending' || item.state === 'deferred' ? (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => run(`/item/${item.id}/start`)}
                          loading={pending}
                        >
                          {t('cabinetLive.agenda.takeUp')}
                        </Button>
                      ) : null}
                      {current ? (
                        <Button
                          size="xs"
                          onClick={() => run(`/item/${item.id}/finish`, { outcome: 'done' })}
                          loading={pending}
                        >
                          {t('cabinetLive.agenda.finish')}
                        </Button>
                      ) : null}
                      {current || item.state === 'pending' ? (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => run(`/item/${item.id}/finish`, { outcome: 'deferred' })}
                          loading={pending}
                        >
                          {t('cabinetLive.agenda.defer')}
                        </Button>
                      ) : null}
                    </Group>
                  ) : null}
                </Paper>
              </li>
            );
          })}
        </Stack>
        {runsRoom && live ? (
          <Button color="red" variant="light" onClick={() => setEnding(true)} w="fit-content">
            {t('cabinetLive.chair.end')}
          </Button>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={ending}
        title={t('cabinetLive.chair.end')}
        onClose={() => setEnding(false)}
        onConfirm={() => {
          setEnding(false);
          run('/end');
        }}
        cancelLabel={t('cabinetLive.chair.cancel')}
        actionLabel={t('cabinetLive.chair.end')}
        actionColor="red"
        pending={pending}
      >
        <Text>{t('cabinetLive.chair.endConfirm')}</Text>
      </ConfirmModal>
    </Paper>
  );
}
