import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardList } from '../../../app/CardList.js';
import { ConfirmModal } from '../../../app/ConfirmModal.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { QueryView } from '../../../app/QueryView.js';
import { useDateTime } from '../../../i18n/format.js';
import { DispatchButton } from '../dispatch/DispatchButton.js';
import { useCabinetFormat } from '../useCabinetFormat.js';
import { CountdownBadge } from './DueBadges.js';
import {
  useConclusion,
  useIssueConclusion,
  useSaveConclusion,
  type Conclusion,
  type ConclusionPage,
} from './followup.api.js';
import { TaskAddModal } from './TaskAddModal.js';
import { TaskCard } from './TaskCard.js';

/** The conclusion notice with its working-days countdown, its tasks, and (for the office) drafting and issuing. */
export function ConclusionPanel({
  meetingId,
  notify,
}: {
  meetingId: string;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const page = useConclusion(meetingId);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="conclusion-heading">
      <Stack gap="sm">
        <Title id="conclusion-heading" order={2} size="h3">
          {t('cabinetFollowUp.conclusion.heading')}
        </Title>
        <QueryView query={page}>
          {(p) => <ConclusionBody meetingId={meetingId} page={p} notify={notify} />}
        </QueryView>
      </Stack>
    </Paper>
  );
}

function ConclusionBody({
  meetingId,
  page,
  notify,
}: {
  meetingId: string;
  page: ConclusionPage;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { day } = useCabinetFormat();
  const dateTime = useDateTime();
  const [adding, setAdding] = useState(false);
  const c = page.conclusion;
  return (
    <Stack gap="sm">
      {page.dueOn ? (
        <Group gap="xs" wrap="wrap" aria-live="polite">
          <Text size="sm">{t('cabinetFollowUp.conclusion.dueOn', { date: day(page.dueOn) })}</Text>
          {c?.state !== 'issued' && page.workingDaysLeft !== null ? (
            <CountdownBadge workingDaysLeft={page.workingDaysLeft} />
          ) : null}
        </Group>
      ) : null}
      {c?.state === 'issued' ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('cabinetFollowUp.conclusion.issuedOn', { reference: c.reference, at: dateTime(c.issuedAt) })}
          </Text>
          <Title order={3} size="h4" className="cpdt-wrap">
            {c.title}
          </Title>
          <Text size="sm" className="cpdt-wrap" style={{ whiteSpace: 'pre-line' }}>
            {c.body}
          </Text>
          <DispatchButton kind="conclusion" id={c.id} />
        </Stack>
      ) : page.mayEdit ? (
        <DraftForm meetingId={meetingId} conclusion={c} notify={notify} />
      ) : (
        <Text c="dimmed">{t('cabinetFollowUp.conclusion.none')}</Text>
      )}
      {c?.followUpOfficer ? (
        <Text size="sm">
          {t('cabinetFollowUp.conclusion.followUpOfficer', { name: c.followUpOfficer.displayName })}
        </Text>
      ) : null}
      {c ? (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('cabinetFollowUp.tasks.heading')}
          </Title>
          {c.tasks.length ? (
            <CardList label={t('cabinetFollowUp.tasks.heading')}>
              {c.tasks.map((task) => (
                <TaskCard key={task.id} task={task} />
              ))}
            </CardList>
          ) : (
            <Text size="sm" c="dimmed">
              {t('cabinetFollowUp.tasks.none')}
            </Text>
          )}
          {page.mayAssign ? (
            <Button variant="light" w={{ base: '100%', xs: 'fit-content' }} onClick={() => setAdding(true)}>
              {t('cabinetFollowUp.tasks.add')}
            </Button>
          ) : null}
        </Stack>
      ) : null}
      {adding ? (
        <TaskAddModal meetingId={meetingId} onClose={() => setAdding(false)} notify={notify} />
      ) : null}
    </Stack>
  );
}

function DraftForm({
  meetingId,
  conclusion,
  notify,
}: {
  meetingId: string;
  conclusion: Conclusion | null;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveConclusion(meetingId);
  const issue = useIssueConclusion(meetingId);
  const [title, setTitle] = useState(conclusion?.title ?? '');
  const [body, setBody] = useState(conclusion?.body ?? '');
  const [reference, setReference] = useState('');
  const [asking, setAsking] = useState(false);
  const submit = () =>
    save.mutate(
      { title: title.trim(), body, ...(conclusion ? { revision: conclusion.revision } : {}) },
      { onSuccess: () => notify(t('cabinetFollowUp.conclusion.saved')) },
    );
  return (
    <form
      aria-label={t('cabinetFollowUp.conclusion.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('cabinetFollowUp.conclusion.titleLabel')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={500}
          required
        />
        <Textarea
          label={t('cabinetFollowUp.conclusion.bodyLabel')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={4}
        />
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <Button
          type="submit"
          variant={conclusion ? 'default' : 'filled'}
          loading={save.isPending}
          disabled={!title.trim()}
          w={{ base: '100%', xs: 'fit-content' }}
        >
          {conclusion ? t('cabinetFollowUp.conclusion.saveDraft') : t('cabinetFollowUp.conclusion.create')}
        </Button>
        {conclusion ? (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('cabinetFollowUp.conclusion.reference')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              maxLength={100}
              style={{ flex: '1 1 14rem' }}
            />
            <Button
              color="green"
              disabled={!reference.trim()}
              onClick={() => setAsking(true)}
              w={{ base: '100%', xs: 'fit-content' }}
            >
              {t('cabinetFollowUp.conclusion.issue')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      {conclusion ? (
        <ConfirmModal
          opened={asking}
          title={t('cabinetFollowUp.conclusion.issueTitle')}
          error={issue.error}
          onClose={() => setAsking(false)}
          cancelLabel={t('cabinetFollowUp.cancel')}
          actionLabel={t('cabinetFollowUp.conclusion.issue')}
          actionColor="green"
          pending={issue.isPending}
          holdCancel
          focusAction
          onConfirm={() =>
            issue.mutate(
              { reference: reference.trim(), revision: conclusion.revision },
              {
                onSuccess: () => {
                  setAsking(false);
                  notify(t('cabinetFollowUp.conclusion.issuedNotice', { reference: reference.trim() }));
                },
              },
            )
          }
        >
          <Text>{t('cabinetFollowUp.conclusion.issueBody')}</Text>
        </ConfirmModal>
      ) : null}
    </form>
  );
}
