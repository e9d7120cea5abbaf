import { Badge, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../../i18n/format.js';
import type { BallotState } from './ballots.api.js';

const COLOURS: Record<BallotState, string> = {
  draft: 'gray',
  submitted: 'yellow',
  approved: 'teal',
  open: 'blue',
  closed: 'green',
  recalled: 'orange',
  cancelled: 'gray',
};

export function StateBadge({ state }: { state: BallotState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[state]} variant="light">
      {t(`cabinetBallots.states.${state}`)}
    </Badge>
  );
}

/**
 * The deadline and the time left (a countdown, updated every minute), red once overdue. The countdown runs on
 * the server's clock (`serverNow`, when the data was read), not on the device's, which may be wrong.
 */
export function DeadlineText({
  deadline,
  serverNow,
  bare,
}: {
  deadline: string;
  serverNow: string;
  /** Without the "Deadline:" label (where a label is already shown). */
  bare?: boolean;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [skew] = useState(() => Date.parse(serverNow) - Date.now());
  const [now, setNow] = useState(() => Date.now() + skew);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + skew), 60_000);
    return () => clearInterval(timer);
  }, [skew]);
  const left = Date.parse(deadline) - now;
  const hours = Math.floor(left / 3_600_000);
  const time =
    hours >= 24
      ? t('cabinetBallots.days', { count: Math.floor(hours / 24), hours: hours % 24 })
      : t('cabinetBallots.hours', { count: Math.max(hours, 0) });
  return (
    <Text
      size="sm"
      c={left <= 0 ? 'red.8' : hours < 24 ? 'orange.8' : undefined}
      fw={left <= 0 ? 600 : undefined}
    >
      {bare ? dateTime(deadline) : t('cabinetBallots.deadline', { date: dateTime(deadline) })} ·{' '}
      {left <= 0 ? t('cabinetBallots.overdue') : t('cabinetBallots.timeLeft', { time })}
    </Text>
  );
}
