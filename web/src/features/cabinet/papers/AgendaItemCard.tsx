import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgency } from '../../identity/admin/agencies.api.js';
import { AgendaMoveButtons } from './AgendaMoveButtons.js';
import { PaperCreateModal } from './PaperCreateModal.js';
import { PaperList } from './PaperList.js';
import type { AgendaItem, Paper as PaperView } from './papers.api.js';

interface AgendaItemCardProps {
  meetingId: string;
  item: AgendaItem & { papers: PaperView[] };
  first: boolean;
  last: boolean;
  moving: boolean;
  onMove: (step: -1 | 1) => void;
  onEdit: () => void;
  onRemove: () => void;
  notify: (message: string) => void;
}

/** One agenda item: its facts, the buttons that move, edit or remove it, and its papers. */
export function AgendaItemCard({ meetingId, item, notify, ...actions }: AgendaItemCardProps) {
  const { t } = useTranslation();
  const presenter = useAgency(item.presenterAgencyId);
  const [addingPaper, setAddingPaper] = useState(false);
  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color="gray">
            {t('cabinetPapers.item.position', { position: item.position })}
          </Badge>
          <Badge variant="light">{t(`cabinetPapers.classification.${item.classification}`)}</Badge>
          {item.plannedMinutes !== null ? (
            <Text size="sm" c="dimmed">
              {t('cabinetPapers.item.minutesValue', { minutes: item.plannedMinutes })}
            </Text>
          ) : null}
        </Group>
        <Title order={3} size="h4" className="cpdt-wrap">
          {item.title}
        </Title>
        {presenter.data ? (
          <Text size="sm">
            {t('cabinetPapers.item.presenter')}: {presenter.data.nameVi}
          </Text>
        ) : null}
        <Group gap="xs" wrap="wrap">
          <AgendaMoveButtons
            itemId={item.id}
            title={item.title}
            first={actions.first}
            last={actions.last}
            pending={actions.moving}
            onMove={actions.onMove}
          />
          <Button
            variant="default"
            size="xs"
            onClick={actions.onEdit}
            aria-label={t('cabinetPapers.item.editNamed', { title: item.title })}
          >
            {t('cabinetPapers.item.edit')}
          </Button>
          <Button
            variant="default"
            size="xs"
            color="red"
            onClick={actions.onRemove}
            aria-label={t('cabinetPapers.item.removeNamed', { title: item.title })}
          >
            {t('cabinetPapers.item.remove')}
          </Button>
          <Button
            variant="light"
            size="xs"
            onClick={() => setAddingPaper(true)}
            aria-label={t('cabinetPapers.paper.addNamed', { title: item.title })}
          >
            {t('cabinetPapers.paper.add')}
          </Button>
        </Group>
        {item.papers.length > 0 ? (
          <PaperList meetingId={meetingId} papers={item.papers} notify={notify} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('cabinetPapers.paper.none')}
          </Text>
        )}
      </Stack>
      {addingPaper ? (
        <PaperCreateModal
          meetingId={meetingId}
          agendaItemId={item.id}
          onClose={() => setAddingPaper(false)}
          notify={notify}
        />
      ) : null}
    </Paper>
  );
}
