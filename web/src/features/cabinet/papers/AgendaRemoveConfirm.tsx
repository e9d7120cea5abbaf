import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../app/ConfirmModal.js';
import { useRemoveItem, type AgendaItem } from './papers.api.js';

interface AgendaRemoveConfirmProps {
  meetingId: string;
  item: AgendaItem;
  onClose: () => void;
  notify: (message: string) => void;
}

/** Asked before an item leaves the agenda; the server refuses (with its coded message) while papers hang on it. */
export function AgendaRemoveConfirm({ meetingId, item, onClose, notify }: AgendaRemoveConfirmProps) {
  const { t } = useTranslation();
  const remove = useRemoveItem(meetingId);
  return (
    <ConfirmModal
      opened
      title={t('cabinetPapers.item.removeTitle')}
      error={remove.error}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(item.id, {
          onSuccess: () => {
            notify(t('cabinetPapers.item.removed', { title: item.title }));
            onClose();
          },
        })
      }
      cancelLabel={t('cabinetPapers.cancel')}
      actionLabel={t('cabinetPapers.item.remove')}
      actionColor="red"
      pending={remove.isPending}
      holdCancel
      focusAction
    >
      <Text className="cpdt-wrap">{t('cabinetPapers.item.removeQuestion', { title: item.title })}</Text>
    </ConfirmModal>
  );
}
