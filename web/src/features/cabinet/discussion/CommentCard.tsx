import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../app/ConfirmModal.js';
import { FormError } from '../../../app/FormError.js';
import { useDateTime } from '../../../i18n/format.js';
import { CommentComposer } from './CommentComposer.js';
import {
  useDeleteComment,
  useEditComment,
  type Comment,
  type PostAs,
  type ThreadTarget,
} from './discussion.api.js';

interface CardProps {
  meetingId: string;
  target: ThreadTarget;
  comment: Comment;
  postAs: PostAs[];
  /** A top-level comment can be answered; replies are one level deep. */
  replyable: boolean;
}

/** One comment: who (and the secretary who wrote it for them), when, the text, and what the reader may do. */
export function CommentCard({ meetingId, target, comment, postAs, replyable }: CardProps) {
  const { t } = useTranslation();
  const when = useDateTime();
  const [editing, setEditing] = useState(false);
  const [replying, setReplying] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const edit = useEditComment(meetingId);
  const remove = useDeleteComment(meetingId);
  const hiding = !comment.mayEdit && comment.mayHide;
  const author = comment.authorName ?? comment.authorId;

  if (comment.deleted) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t('cabinetDiscussion.thread.deleted')}
      </Text>
    );
  }

  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm" className="cpdt-wrap">
          {author}
        </Text>
        {comment.writtenBy ? (
          <Badge variant="light" color="grape" size="sm">
            {t('cabinetDiscussion.thread.onBehalfBadge')}
          </Badge>
        ) : null}
        <Text size="xs" c="dimmed">
          <time dateTime={comment.createdAt}>{when(comment.createdAt)}</time>
          {comment.editedAt ? ` · ${t('cabinetDiscussion.thread.edited')}` : ''}
        </Text>
      </Group>
      {comment.writtenBy ? (
        <Text size="xs" c="dimmed" className="cpdt-wrap">
          {t('cabinetDiscussion.thread.onBehalf', {
            writer: comment.writtenByName ?? comment.writtenBy,
            author,
          })}
        </Text>
      ) : null}
      {editing ? (
        <Stack gap="xs">
          <Textarea
            label={t('cabinetDiscussion.thread.editLabel')}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={5000}
          />
          <FormError error={edit.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setEditing(false)}>
              {t('cabinetDiscussion.thread.cancel')}
            </Button>
            <Button
              loading={edit.isPending}
              disabled={!draft.trim()}
              onClick={() =>
                edit.mutate({ id: comment.id, body: draft }, { onSuccess: () => setEditing(false) })
              }
            >
              {t('cabinetDiscussion.thread.save')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" className="cpdt-wrap" style={{ whiteSpace: 'pre-wrap' }}>
          {comment.body}
        </Text>
      )}
      {!editing ? (
        <Group gap={4}>
          {replyable && postAs.length > 0 ? (
            <Button variant="subtle" size="compact-sm" onClick={() => setReplying((r) => !r)}>
              {t('cabinetDiscussion.thread.reply')}
            </Button>
          ) : null}
          {comment.mayEdit ? (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                setDraft(comment.body);
                setEditing(true);
              }}
            >
              {t('cabinetDiscussion.thread.edit')}
            </Button>
          ) : null}
          {comment.mayEdit || comment.mayHide ? (
            <Button variant="subtle" color="red" size="compact-sm" onClick={() => setConfirming(true)}>
              {hiding ? t('cabinetDiscussion.thread.hide') : t('cabinetDiscussion.thread.delete')}
            </Button>
          ) : null}
        </Group>
      ) : null}
      {comment.replies.length > 0 ? (
        <Stack
          component="ul"
          gap="xs"
          m={0}
          pl="sm"
          style={{ listStyle: 'none', borderLeft: '2px solid var(--mantine-color-gray-3)' }}
        >
          {comment.replies.map((reply) => (
            <li key={reply.id}>
              <CommentCard
                meetingId={meetingId}
                target={target}
                comment={reply}
                postAs={postAs}
                replyable={false}
              />
            </li>
          ))}
        </Stack>
      ) : null}
      {replying ? (
        <Paper withBorder p="xs" radius="sm">
          <CommentComposer
            meetingId={meetingId}
            target={target}
            postAs={postAs}
            parentId={comment.id}
            label={t('cabinetDiscussion.thread.replyTo', { name: author })}
            onDone={() => setReplying(false)}
            onCancel={() => setReplying(false)}
          />
        </Paper>
      ) : null}
      <ConfirmModal
        opened={confirming}
        title={hiding ? t('cabinetDiscussion.thread.hideTitle') : t('cabinetDiscussion.thread.deleteTitle')}
        error={remove.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate(comment.id, { onSuccess: () => setConfirming(false) })}
        cancelLabel={t('cabinetDiscussion.thread.cancel')}
        actionLabel={hiding ? t('cabinetDiscussion.thread.hide') : t('cabinetDiscussion.thread.delete')}
        actionColor="red"
        pending={remove.isPending}
        holdCancel
      >
        <Text size="sm">
          {hiding ? t('cabinetDiscussion.thread.hideBody') : t('cabinetDiscussion.thread.deleteBody')}
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
