import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { AgendaItemCard } from './AgendaItemCard.js';
import { AgendaItemModal } from './AgendaItemModal.js';
import { AgendaRemoveConfirm } from './AgendaRemoveConfirm.js';
import { moveButtonId } from './AgendaMoveButtons.js';
import { PaperList } from './PaperList.js';
import { useReorder, type Agenda, type AgendaItem } from './papers.api.js';

interface AgendaListProps {
  meetingId: string;
  agenda: Agenda;
  notify: (message: string) => void;
}

/** The agenda in order, each item with its papers; moving an item up or down sends the whole new order. */
export function AgendaList({ meetingId, agenda, notify }: AgendaListProps) {
  const { t } = useTranslation();
  const reorder = useReorder(meetingId);
  const [editing, setEditing] = useState<AgendaItem | null>(null);
  const [removing, setRemoving] = useState<AgendaItem | null>(null);
  const { items } = agenda;

  const move = (index: number, step: -1 | 1) => {
    const item = items[index];
    const target = index + step;
    if (!item || target < 0 || target >= items.length) return;
    const ids = items.map((i) => i.id);
    ids.splice(index, 1);
    ids.splice(target, 0, item.id);
    reorder.mutate(ids, {
      onSuccess: () => {
        notify(t('cabinetPapers.item.moved', { title: item.title, position: target + 1 }));
        // The moved card's node changes place, which drops focus: give it back to the same button, or to
        // the other one when the item reached an end of the list.
        const atEnd = step < 0 ? target === 0 : target === items.length - 1;
        const direction = atEnd ? (step < 0 ? 'down' : 'up') : step < 0 ? 'up' : 'down';
        requestAnimationFrame(() => document.getElementById(moveButtonId(item.id, direction))?.focus());
      },
    });
  };

  return (
    <Stack gap="md">
      {reorder.error ? <ErrorAlert error={reorder.error} /> : null}
      {items.length === 0 ? (
        <Text c="dimmed">{t('cabinetPapers.empty')}</Text>
      ) : (
        <Stack
          component="ol"
          gap="md"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('cabinetPapers.listLabel')}
        >
          {items.map((item, index) => (
            <AgendaItemCard
              key={item.id}
              meetingId={meetingId}
              item={item}
              first={index === 0}
              last={index === items.length - 1}
              moving={reorder.isPending}
              onMove={(step) => move(index, step)}
              onEdit={() => setEditing(item)}
              onRemove={() => setRemoving(item)}
              notify={notify}
            />
          ))}
        </Stack>
      )}
      {agenda.otherPapers.length > 0 ? (
        <Stack gap="sm">
          <Title order={3}>{t('cabinetPapers.otherPapers')}</Title>
          <PaperList meetingId={meetingId} papers={agenda.otherPapers} notify={notify} />
        </Stack>
      ) : null}
      {editing ? (
        <AgendaItemModal
          meetingId={meetingId}
          item={editing}
          onClose={() => setEditing(null)}
          notify={notify}
        />
      ) : null}
      {removing ? (
        <AgendaRemoveConfirm
          meetingId={meetingId}
          item={removing}
          onClose={() => setRemoving(null)}
          notify={notify}
        />
      ) : null}
    </Stack>
  );
}
