import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxMessage } from '../../api/types.js';
import { PageHeader } from '../../app/PageHeader.js';
import { QueryView } from '../../app/QueryView.js';
import { SuccessNotice } from '../../app/SuccessNotice.js';
import { useIsPhone } from '../../app/useIsPhone.js';
import { MessageModal } from './MessageModal.js';
import { useOutbox, useOutboxFilter } from './outbox.api.js';
import { OutboxCards } from './OutboxCards.js';
import { OutboxFilters } from './OutboxFilters.js';
import { OutboxTable } from './OutboxTable.js';
import { SendTestButton } from './SendTestButton.js';

/** Administrators read every message the platform sent or tried to send. */
export function OutboxPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [filter, setFilter] = useOutboxFilter();
  const outbox = useOutbox(filter);
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const [sent, setSent] = useState(false);
  const List = phone ? OutboxCards : OutboxTable;
  return (
    <>
      <PageHeader
        title={t('outbox.title')}
        intro={t('outbox.intro')}
        actions={<SendTestButton onSent={() => setSent(true)} />}
      />
      <SuccessNotice message={sent ? t('outbox.sent') : null} onClose={() => setSent(false)} />
      <OutboxFilters value={filter} onChange={setFilter} />
      <QueryView query={outbox}>
        {(data) =>
          data.messages.length === 0 ? (
            <Text c="dimmed">{t('outbox.empty')}</Text>
          ) : (
            <List messages={data.messages} onOpen={setOpen} />
          )
        }
      </QueryView>
      <MessageModal message={open} onClose={() => setOpen(null)} />
    </>
  );
}
