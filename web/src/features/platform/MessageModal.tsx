import { Modal, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { recipientLabel } from './recipient.js';
import type { OutboxMessage } from '../../api/types.js';
import { DetailList } from '../../app/DetailList.js';
import { useIsPhone } from '../../app/useIsPhone.js';
import { useDateTime } from '../../i18n/format.js';
import { ChannelLabel, OutboxStateBadge } from './OutboxBadges.js';

/** The whole message: where it went, how delivery went, and the full body. */
export function MessageModal({ message, onClose }: { message: OutboxMessage | null; onClose: () => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const phone = useIsPhone();
  return (
    <Modal
      opened={message !== null}
      onClose={onClose}
      title={message ? message.subject || t('outbox.noSubject') : ''}
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      {message ? (
        <Stack gap="md">
          <DetailList
            items={[
              { label: t('channel.label'), value: <ChannelLabel channel={message.channel} /> },
              { label: t('outbox.recipient'), value: recipientLabel(message, t('outbox.noAddress')) },
              { label: t('outbox.state'), value: <OutboxStateBadge state={message.state} /> },
              { label: t('outbox.attempts'), value: String(message.attempts) },
              { label: t('outbox.createdAt'), value: dateTime(message.createdAt) },
              { label: t('outbox.sentAt'), value: dateTime(message.sentAt) },
              { label: t('outbox.template'), value: message.template },
              { label: t('outbox.lastError'), value: message.lastError },
            ]}
          />
          <div>
            <Text size="sm" c="dimmed" mb={4}>
              {t('outbox.body')}
            </Text>
            <Paper withBorder p="sm" bg="gray.0">
              <Text style={{ whiteSpace: 'pre-wrap' }} className="cpdt-wrap" data-testid="outbox-body">
                {message.body}
              </Text>
            </Paper>
          </div>
        </Stack>
      ) : null}
    </Modal>
  );
}
