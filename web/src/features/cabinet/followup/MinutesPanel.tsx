import { Badge, Button, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../app/ConfirmModal.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { LinkButton } from '../../../app/LinkButton.js';
import { QueryView } from '../../../app/QueryView.js';
import { useDateTime } from '../../../i18n/format.js';
import type { Meeting } from '../cabinet.api.js';
import {
  minutesPdfUrl,
  useApproveMinutes,
  useGenerateMinutes,
  useMinutes,
  type Minutes,
  type MinutesSection,
} from './followup.api.js';
import { SectionEditModal } from './SectionEditModal.js';

/** The minutes: generated, edited section by section and approved by the office or the secretariat. */
export function MinutesPanel({ meeting, notify }: { meeting: Meeting; notify: (message: string) => void }) {
  const { t } = useTranslation();
  const minutes = useMinutes(meeting.id);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="minutes-heading">
      <Stack gap="sm">
        <Title id="minutes-heading" order={2} size="h3">
          {t('cabinetFollowUp.minutes.heading')}
        </Title>
        <QueryView query={minutes}>
          {(m) =>
            m ? (
              <MinutesBody minutes={m} notify={notify} />
            ) : meeting.me.mayPrepare ? (
              <Generate meetingId={meeting.id} notify={notify} />
            ) : (
              <Text c="dimmed">{t('cabinetFollowUp.minutes.notYet')}</Text>
            )
          }
        </QueryView>
      </Stack>
    </Paper>
  );
}

function Generate({ meetingId, notify }: { meetingId: string; notify: (message: string) => void }) {
  const { t } = useTranslation();
  const generate = useGenerateMinutes(meetingId);
  return (
    <Stack gap="xs">
      <Text c="dimmed">{t('cabinetFollowUp.minutes.none')}</Text>
      {generate.error ? <ErrorAlert error={generate.error} /> : null}
      <Button
        w={{ base: '100%', xs: 'fit-content' }}
        loading={generate.isPending}
        onClick={() =>
          generate.mutate(undefined, { onSuccess: () => notify(t('cabinetFollowUp.minutes.generated')) })
        }
      >
        {t('cabinetFollowUp.minutes.generate')}
      </Button>
    </Stack>
  );
}

function MinutesBody({ minutes, notify }: { minutes: Minutes; notify: (message: string) => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const regenerate = useGenerateMinutes(minutes.meetingId);
  const approve = useApproveMinutes(minutes.meetingId);
  const [editing, setEditing] = useState<MinutesSection | null>(null);
  const [asking, setAsking] = useState<'approve' | 'regenerate' | null>(null);
  const approved = minutes.state === 'approved';
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <Badge color={approved ? 'green' : 'yellow'} variant="light">
          {approved ? t('cabinetFollowUp.minutes.approved') : t('cabinetFollowUp.minutes.draft')}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('cabinetFollowUp.minutes.revision', { revision: minutes.revision })}
        </Text>
      </Group>
      {approved && minutes.approvedBy && minutes.approvedAt ? (
        <Text size="sm">
          {t('cabinetFollowUp.minutes.approvedBy', {
            name: minutes.approvedBy.displayName,
            at: dateTime(minutes.approvedAt),
          })}
        </Text>
      ) : null}
      {minutes.sections.map((s) => (
        <Stack key={s.key} gap={4} component="article" aria-label={s.heading}>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Title order={3} size="h5" className="cpdt-wrap" style={{ minWidth: 0 }}>
              {s.heading}
            </Title>
            {minutes.mayEdit ? (
              <LinkButton onClick={() => setEditing(s)}>
                <span aria-hidden>✎ </span>
                {t('cabinetFollowUp.minutes.edit')}
                <VisuallyHidden> {s.heading}</VisuallyHidden>
              </LinkButton>
            ) : null}
          </Group>
          <Text size="sm" className="cpdt-wrap" style={{ whiteSpace: 'pre-line' }}>
            {s.body}
          </Text>
        </Stack>
      ))}
      <Group gap="sm" wrap="wrap">
        {approved ? (
          <Button
            component="a"
            href={minutesPdfUrl(minutes.meetingId)}
            download
            w={{ base: '100%', xs: 'fit-content' }}
          >
            {t('cabinetFollowUp.minutes.pdf')}
          </Button>
        ) : null}
        {minutes.mayEdit ? (
          <>
            <Button
              w={{ base: '100%', xs: 'fit-content' }}
              color="green"
              onClick={() => setAsking('approve')}
            >
              {t('cabinetFollowUp.minutes.approve')}
            </Button>
            <Button
              w={{ base: '100%', xs: 'fit-content' }}
              variant="default"
              onClick={() => setAsking('regenerate')}
            >
              {t('cabinetFollowUp.minutes.regenerate')}
            </Button>
          </>
        ) : null}
      </Group>
      <ConfirmModal
        opened={asking === 'approve'}
        title={t('cabinetFollowUp.minutes.approveTitle')}
        error={approve.error}
        onClose={() => setAsking(null)}
        cancelLabel={t('cabinetFollowUp.cancel')}
        actionLabel={t('cabinetFollowUp.minutes.approve')}
        actionColor="green"
        pending={approve.isPending}
        holdCancel
        focusAction
        onConfirm={() =>
          approve.mutate(minutes.revision, {
            onSuccess: () => {
              setAsking(null);
              notify(t('cabinetFollowUp.minutes.approvedNotice'));
            },
          })
        }
      >
        <Text>{t('cabinetFollowUp.minutes.approveBody')}</Text>
      </ConfirmModal>
      <ConfirmModal
        opened={asking === 'regenerate'}
        title={t('cabinetFollowUp.minutes.regenerateTitle')}
        error={regenerate.error}
        onClose={() => setAsking(null)}
        cancelLabel={t('cabinetFollowUp.cancel')}
        actionLabel={t('cabinetFollowUp.minutes.regenerate')}
        pending={regenerate.isPending}
        holdCancel
        onConfirm={() =>
          regenerate.mutate(minutes.revision, {
            onSuccess: () => {
              setAsking(null);
              notify(t('cabinetFollowUp.minutes.generated'));
            },
          })
        }
      >
        <Text>{t('cabinetFollowUp.minutes.regenerateBody')}</Text>
      </ConfirmModal>
      {editing ? (
        <SectionEditModal
          minutes={minutes}
          section={editing}
          onClose={() => setEditing(null)}
          notify={notify}
        />
      ) : null}
    </Stack>
  );
}
