import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../app/QueryView.js';
import { CommentCard } from './CommentCard.js';
import { CommentComposer } from './CommentComposer.js';
import { useThread } from './discussion.api.js';

interface ThreadProps {
  meetingId: string;
  agendaItemId?: string;
  paperId?: string;
  /** Heading level inside the page that embeds it. */
  headingOrder?: 3 | 4;
}

/**
 * The discussion thread of an agenda item or a paper: comments with their replies, who wrote each (a
 * secretary's comment shows for whom), and the form to write one. Refreshes by itself; new comments are
 * announced to screen readers.
 */
export function DiscussionThread({ meetingId, agendaItemId, paperId, headingOrder = 4 }: ThreadProps) {
  const { t } = useTranslation();
  const target = { agendaItemId, paperId };
  const thread = useThread(meetingId, target);
  return (
    <section
      aria-label={paperId ? t('cabinetDiscussion.thread.paperTitle') : t('cabinetDiscussion.thread.title')}
    >
      <Title order={headingOrder} size="h6" mb="xs">
        {paperId ? t('cabinetDiscussion.thread.paperTitle') : t('cabinetDiscussion.thread.title')}
      </Title>
      <QueryView query={thread}>
        {(data) => (
          <Stack gap="sm">
            <Stack
              component="ol"
              gap="sm"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-label={t('cabinetDiscussion.thread.listLabel')}
              aria-live="polite"
              aria-relevant="additions"
            >
              {data.items.map((comment) => (
                <Paper component="li" key={comment.id} withBorder radius="sm" p="sm">
                  <CommentCard
                    meetingId={meetingId}
                    target={target}
                    comment={comment}
                    postAs={data.postAs}
                    replyable
                  />
                </Paper>
              ))}
            </Stack>
            {data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('cabinetDiscussion.thread.empty')}
              </Text>
            ) : null}
            {data.closed ? (
              <Alert variant="light" color="gray">
                {t('cabinetDiscussion.thread.closed')}
              </Alert>
            ) : data.postAs.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('cabinetDiscussion.thread.readOnly')}
              </Text>
            ) : (
              <CommentComposer
                meetingId={meetingId}
                target={target}
                postAs={data.postAs}
                label={t('cabinetDiscussion.thread.newComment')}
              />
            )}
          </Stack>
        )}
      </QueryView>
    </section>
  );
}
