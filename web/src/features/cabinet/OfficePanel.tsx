import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../app/ConfirmModal.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { SuccessNotice } from '../../app/SuccessNotice.js';
import { useCancelMeeting, useInvite, type InviteResult, type Meeting } from './cabinet.api.js';

const BEFORE: ReadonlySet<Meeting['status']> = new Set(['draft', 'invited']);

/** The office sends the invitations (again, to whoever has none yet) or cancels the meeting with a reason. */
export function OfficePanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const invite = useInvite(meeting.id);
  const cancel = useCancelMeeting(meeting.id);
  const [invited, setInvited] = useState<InviteResult | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [reason, setReason] = useState('');
  const o = 'cabinet.office';
  const open = BEFORE.has(meeting.status);
  const message = invited
    ? t(`${o}.invited`, {
        sent: invited.sent,
        alreadySent: invited.alreadySent,
        notice: invited.noticeMet ? t(`${o}.noticeMet`) : t(`${o}.noticeLate`),
      })
    : cancelled
      ? t(`${o}.cancelled`)
      : null;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h3" mb="sm">
        {t(`${o}.title`)}
      </Title>
      <Stack gap="sm">
        <SuccessNotice
          message={message}
          onClose={() => {
            setInvited(null);
            setCancelled(false);
          }}
        />
        {invite.isError ? <ErrorAlert error={invite.error} /> : null}
        {open ? (
          <Group gap="sm">
            <Button
              onClick={() => {
                setCancelled(false);
                invite.mutate(undefined, { onSuccess: setInvited });
              }}
              loading={invite.isPending}
            >
              {t(`${o}.invite`)}
            </Button>
            <Button
              variant="default"
              color="red"
              onClick={() => {
                cancel.reset();
                setCancelling(true);
              }}
            >
              {t(`${o}.cancel`)}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={cancelling}
        title={t(`${o}.cancelTitle`)}
        error={cancel.error}
        onClose={() => setCancelling(false)}
        onConfirm={() =>
          cancel.mutate(
            { revision: meeting.revision, reason: reason.trim() },
            {
              onSuccess: () => {
                setCancelling(false);
                setInvited(null);
                setCancelled(true);
                setReason('');
              },
            },
          )
        }
        cancelLabel={t(`${o}.keep`)}
        actionLabel={t(`${o}.cancel`)}
        actionColor="red"
        actionDisabled={reason.trim() === ''}
        pending={cancel.isPending}
        holdCancel
      >
        <Text>{t(`${o}.cancelQuestion`, { title: meeting.title })}</Text>
        <Textarea
          label={t(`${o}.cancelReason`)}
          required
          autosize
          minRows={2}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
      </ConfirmModal>
    </Paper>
  );
}
