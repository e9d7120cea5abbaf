import { Accordion, Alert, Badge, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../app/QueryView.js';
import { DiscussionThread } from './DiscussionThread.js';
import { useLiveDiscussion, useOpinions, type ItemOpinions, type OpinionsSummary } from './discussion.api.js';
import { OpinionForm } from './OpinionForm.js';
import { OpinionSummary } from './OpinionSummary.js';

/**
 * On the meeting page: per agenda item, a block that opens on the members' opinions (what differs first),
 * the reader's own opinion form (or, for a secretary, the draft for a member they serve) and the item's
 * discussion thread.
 */
export function DiscussionSection({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const opinions = useOpinions(meetingId);
  useLiveDiscussion(meetingId);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="cabinet-discussion-title">
      <Title order={2} size="h3" mb={4} id="cabinet-discussion-title">
        {t('cabinetDiscussion.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('cabinetDiscussion.intro')}
      </Text>
      <QueryView query={opinions}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('cabinetDiscussion.empty')}</Text>
          ) : (
            <Accordion variant="separated" multiple order={3} aria-label={t('cabinetDiscussion.itemsLabel')}>
              {data.items.map((item) => (
                <ItemBlock key={item.agendaItemId} meetingId={meetingId} item={item} summary={data} />
              ))}
            </Accordion>
          )
        }
      </QueryView>
    </Paper>
  );
}

function ItemBlock({
  meetingId,
  item,
  summary,
}: {
  meetingId: string;
  item: ItemOpinions;
  summary: OpinionsSummary;
}) {
  const { t } = useTranslation();
  const submitted = item.submitted.length;
  const differing = item.submitted.filter((o) => o.position !== 'agree').length;
  return (
    <Accordion.Item value={item.agendaItemId}>
      <Accordion.Control>
        <Stack gap={4}>
          <Text fw={600} className="cpdt-wrap">
            {item.position}. {item.title}
          </Text>
          {item.classified ? (
            <Badge color="red" variant="light">
              {t(`cabinet.classifications.${item.classification as 'mat'}`)}
            </Badge>
          ) : (
            <Group gap={6}>
              <Badge
                variant="light"
                color={submitted === item.expected ? 'green' : 'gray'}
                style={{ textTransform: 'none' }}
              >
                {t('cabinetDiscussion.answered', { submitted, expected: item.expected })}
              </Badge>
              {differing > 0 ? (
                <Badge variant="light" color="orange" style={{ textTransform: 'none' }}>
                  {t('cabinetDiscussion.differing', { count: differing })}
                </Badge>
              ) : null}
              {item.comments > 0 ? (
                <Badge variant="light" color="blue" style={{ textTransform: 'none' }}>
                  {t('cabinetDiscussion.commentsCount', { count: item.comments })}
                </Badge>
              ) : null}
            </Group>
          )}
        </Stack>
      </Accordion.Control>
      <Accordion.Panel>
        {item.classified ? (
          <Alert variant="light" color="red">
            {t('cabinetDiscussion.classified')}
          </Alert>
        ) : (
          <Stack gap="md">
            <OpinionSummary item={item} />
            {summary.writeFor.length > 0 ? (
              <>
                <Divider />
                {summary.open ? (
                  <OpinionForm meetingId={meetingId} item={item} writeFor={summary.writeFor} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('cabinetDiscussion.closedOpinions')}
                  </Text>
                )}
              </>
            ) : null}
            <Divider />
            <DiscussionThread meetingId={meetingId} agendaItemId={item.agendaItemId} />
          </Stack>
        )}
      </Accordion.Panel>
    </Accordion.Item>
  );
}
