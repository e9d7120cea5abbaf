import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ButtonCard, CardList } from '../../app/CardList.js';
import { recipientLabel } from './recipient.js';
import { useDateTime } from '../../i18n/format.js';
import { ChannelLabel, OutboxStateBadge } from './OutboxBadges.js';
import type { OutboxViewProps } from './OutboxTable.js';

/** Phones: one card per message, the whole card a button that opens it. */
export function OutboxCards({ messages, onOpen }: OutboxViewProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <CardList label={t('outbox.listLabel')}>
      {messages.map((m) => (
        <ButtonCard key={m.id} onClick={() => onOpen(m)}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text fw={600} className="cpdt-wrap" lineClamp={2}>
              {m.subject || t('outbox.noSubject')}
            </Text>
            <OutboxStateBadge state={m.state} />
          </Group>
          <Text size="sm" className="cpdt-wrap">
            <ChannelLabel channel={m.channel} /> · {recipientLabel(m, t('outbox.noAddress'))}
          </Text>
          <Text size="xs" c="dimmed">
            {dateTime(m.sentAt ?? m.createdAt)} · {t('outbox.attempts')}: {m.attempts}
          </Text>
        </ButtonCard>
      ))}
    </CardList>
  );
}
