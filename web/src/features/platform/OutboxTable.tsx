import { Anchor, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { recipientLabel } from './recipient.js';
import type { OutboxMessage } from '../../api/types.js';
import { useDateTime } from '../../i18n/format.js';
import { ChannelLabel, OutboxStateBadge } from './OutboxBadges.js';

interface OutboxViewProps {
  messages: OutboxMessage[];
  onOpen: (message: OutboxMessage) => void;
}

/** Wide screens: one row per message; the subject opens the full message. */
export function OutboxTable({ messages, onOpen }: OutboxViewProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <caption>
          <VisuallyHidden>{t('outbox.listLabel')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('channel.label')}</Table.Th>
            <Table.Th scope="col">{t('outbox.recipient')}</Table.Th>
            <Table.Th scope="col">{t('outbox.subject')}</Table.Th>
            <Table.Th scope="col">{t('outbox.state')}</Table.Th>
            <Table.Th scope="col">{t('outbox.attempts')}</Table.Th>
            <Table.Th scope="col">{t('outbox.time')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <ChannelLabel channel={m.channel} />
              </Table.Td>
              <Table.Td className="cpdt-wrap">{recipientLabel(m, t('outbox.noAddress'))}</Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => onOpen(m)}
                  ta="left"
                  className="cpdt-wrap"
                >
                  {m.subject || t('outbox.noSubject')}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <OutboxStateBadge state={m.state} />
              </Table.Td>
              <Table.Td>{m.attempts}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {dateTime(m.sentAt ?? m.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export type { OutboxViewProps };
