import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel, OutboxState } from '../../api/types.js';

const STATE_COLORS: Record<OutboxState, string> = {
  queued: 'gray',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
  outbox: 'violet',
};

export function OutboxStateBadge({ state }: { state: OutboxState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant="light">
      {t(`outbox.states.${state}`)}
    </Badge>
  );
}

export function ChannelLabel({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return <>{t(`channel.${channel}`)}</>;
}
