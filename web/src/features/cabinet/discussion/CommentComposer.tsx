import { Button, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../app/FormError.js';
import { usePostComment, type PostAs, type ThreadTarget } from './discussion.api.js';

interface ComposerProps {
  meetingId: string;
  target: ThreadTarget;
  postAs: PostAs[];
  /** Replying to this comment; a new comment otherwise. */
  parentId?: string;
  label: string;
  onDone?: () => void;
  onCancel?: () => void;
}

/** Writes a comment or a reply; a secretary picks the member they write for (the comment is the member's). */
export function CommentComposer({
  meetingId,
  target,
  postAs,
  parentId,
  label,
  onDone,
  onCancel,
}: ComposerProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [as, setAs] = useState(postAs[0]?.personId ?? '');
  const post = usePostComment(meetingId);
  const chosen = postAs.find((p) => p.personId === as) ?? postAs[0];

  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim() || !chosen) return;
    post.mutate(
      {
        ...target,
        body,
        ...(parentId ? { parentId } : {}),
        ...(chosen.self ? {} : { onBehalfOf: chosen.personId }),
      },
      {
        onSuccess: () => {
          setBody('');
          onDone?.();
        },
      },
    );
  };

  return (
    <form onSubmit={send}>
      <Stack gap="xs">
        {postAs.length > 1 || (chosen && !chosen.self) ? (
          <NativeSelect
            label={t('cabinetDiscussion.thread.writeAs')}
            value={as}
            onChange={(e) => setAs(e.currentTarget.value)}
            data={postAs.map((p) => ({
              value: p.personId,
              label: p.self
                ? t('cabinetDiscussion.thread.self', { name: p.displayName ?? '' })
                : (p.displayName ?? p.personId),
            }))}
          />
        ) : null}
        <Textarea
          label={label}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={5000}
          required
        />
        <FormError error={post.error} />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('cabinetDiscussion.thread.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={post.isPending} disabled={!body.trim()}>
            {t('cabinetDiscussion.thread.post')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
