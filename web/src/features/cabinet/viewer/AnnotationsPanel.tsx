import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../app/ConfirmModal.js';
import { QueryView } from '../../../app/QueryView.js';
import { AnnotationModal } from './AnnotationModal.js';
import { selectorFor } from './quote.js';
import {
  useAddAnnotation,
  useAnnotations,
  useEditAnnotation,
  usePageTexts,
  useRemoveAnnotation,
  type Annotation,
} from './viewer.api.js';

const TOUCH = 44;

/**
 * The reader's private notes on the version shown: add one on the selected words, jump to each note's page,
 * edit or delete it. Notes whose words are gone from this version are listed apart, never lost.
 */
export function AnnotationsPanel({
  meetingId,
  paperId,
  version,
  page,
  selection,
  onJump,
  notify,
}: {
  meetingId: string;
  paperId: string;
  version: number;
  page: number;
  selection: string;
  onJump: (page: number) => void;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const texts = usePageTexts(meetingId, paperId, version);
  const list = useAnnotations(meetingId, paperId, version);
  const add = useAddAnnotation(meetingId, paperId);
  const edit = useEditAnnotation(meetingId, paperId);
  const remove = useRemoveAnnotation(meetingId, paperId);
  const [adding, setAdding] = useState<ReturnType<typeof selectorFor>>(null);
  const [editing, setEditing] = useState<Annotation | null>(null);
  const [removing, setRemoving] = useState<Annotation | null>(null);
  const selector =
    selection.trim() && texts.data ? selectorFor(selection, texts.data.pages[page - 1] ?? '', page) : null;

  return (
    <Stack gap="sm" component="section" aria-labelledby="cpdt-annotations-title">
      <Title order={2} size="h4" id="cpdt-annotations-title">
        {t('cabinetViewer.annotations.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('cabinetViewer.annotations.private')}
      </Text>
      <Stack gap={4} aria-live="polite">
        {selection.trim() ? (
          selector ? (
            <Text size="sm" className="cpdt-wrap" lineClamp={3}>
              {t('cabinetViewer.annotations.selected', { quote: selector.exact })}
            </Text>
          ) : texts.data ? (
            <Text size="sm" c="orange.8">
              {t('cabinetViewer.annotations.notQuotable')}
            </Text>
          ) : null
        ) : (
          <Text size="sm">{t('cabinetViewer.annotations.addHint')}</Text>
        )}
      </Stack>
      <Button
        h={TOUCH}
        disabled={!selector}
        // keep the selection: a tap on the button must not clear it before it is read
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          add.reset();
          setAdding(selector);
        }}
      >
        {t('cabinetViewer.annotations.add')}
      </Button>
      <QueryView query={list}>
        {(data) => {
          const placed = data.items.filter((a) => !a.orphaned);
          const orphaned = data.items.filter((a) => a.orphaned);
          return (
            <Stack gap="sm">
              {placed.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('cabinetViewer.annotations.empty')}
                </Text>
              ) : (
                <AnnotationList
                  items={placed}
                  version={version}
                  label={t('cabinetViewer.annotations.title')}
                  onJump={onJump}
                  onEdit={(a) => {
                    edit.reset();
                    setEditing(a);
                  }}
                  onRemove={(a) => {
                    remove.reset();
                    setRemoving(a);
                  }}
                />
              )}
              {orphaned.length ? (
                <Alert variant="light" color="yellow" title={t('cabinetViewer.annotations.orphaned')}>
                  <Stack gap="xs">
                    <Text size="sm">{t('cabinetViewer.annotations.orphanedHint')}</Text>
                    <AnnotationList
                      items={orphaned}
                      version={version}
                      label={t('cabinetViewer.annotations.orphaned')}
                      onJump={onJump}
                      onEdit={(a) => {
                        edit.reset();
                        setEditing(a);
                      }}
                      onRemove={(a) => {
                        remove.reset();
                        setRemoving(a);
                      }}
                    />
                  </Stack>
                </Alert>
              ) : null}
            </Stack>
          );
        }}
      </QueryView>
      {adding ? (
        <AnnotationModal
          title={t('cabinetViewer.annotations.modalTitle')}
          quote={adding.exact}
          initial=""
          pending={add.isPending}
          error={add.error}
          onClose={() => setAdding(null)}
          onSave={(note) =>
            add.mutate(
              { version, selector: adding, note },
              {
                onSuccess: () => {
                  setAdding(null);
                  document.getSelection()?.removeAllRanges();
                  notify(t('cabinetViewer.annotations.added'));
                },
              },
            )
          }
        />
      ) : null}
      {editing ? (
        <AnnotationModal
          title={t('cabinetViewer.annotations.editTitle')}
          quote={editing.selector.exact}
          initial={editing.note}
          pending={edit.isPending}
          error={edit.error}
          onClose={() => setEditing(null)}
          onSave={(note) =>
            edit.mutate(
              { id: editing.id, note },
              {
                onSuccess: () => {
                  setEditing(null);
                  notify(t('cabinetViewer.annotations.saved'));
                },
              },
            )
          }
        />
      ) : null}
      <ConfirmModal
        opened={removing !== null}
        title={t('cabinetViewer.annotations.removeTitle')}
        error={remove.error}
        onClose={() => setRemoving(null)}
        cancelLabel={t('cabinetViewer.annotations.cancel')}
        actionLabel={t('cabinetViewer.annotations.remove')}
        actionColor="red"
        pending={remove.isPending}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              setRemoving(null);
              notify(t('cabinetViewer.annotations.removed'));
            },
          })
        }
      >
        {t('cabinetViewer.annotations.removeQuestion')}
      </ConfirmModal>
    </Stack>
  );
}

function AnnotationList({
  items,
  version,
  label,
  onJump,
  onEdit,
  onRemove,
}: {
  items: Annotation[];
  version: number;
  label: string;
  onJump: (page: number) => void;
  onEdit: (a: Annotation) => void;
  onRemove: (a: Annotation) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
      {items.map((a) => (
        <Paper component="li" key={a.id} withBorder radius="sm" p="xs">
          <Stack gap={4}>
            <Text size="sm" fs="italic" className="cpdt-wrap" lineClamp={3}>
              “{a.selector.exact}”
            </Text>
            <Text size="sm" className="cpdt-wrap">
              {a.note}
            </Text>
            <Group gap="xs" wrap="wrap">
              {a.madeOnVersion !== version ? (
                <Badge variant="light" color="gray" size="sm">
                  {t('cabinetViewer.annotations.madeOn', { version: a.madeOnVersion })}
                </Badge>
              ) : null}
              {a.anchor ? (
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  mih={TOUCH}
                  onClick={() => onJump(a.anchor!.page)}
                >
                  {t('cabinetViewer.annotations.jump', { page: a.anchor.page })}
                </Anchor>
              ) : null}
              <Button variant="subtle" size="compact-sm" mih={TOUCH} onClick={() => onEdit(a)}>
                {t('cabinetViewer.annotations.edit')}
              </Button>
              <Button variant="subtle" color="red" size="compact-sm" mih={TOUCH} onClick={() => onRemove(a)}>
                {t('cabinetViewer.annotations.remove')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
