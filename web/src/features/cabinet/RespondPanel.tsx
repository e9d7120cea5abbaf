import { Button, Group, NativeSelect, Paper, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { FormModal } from '../../app/FormModal.js';
import { SuccessNotice } from '../../app/SuccessNotice.js';
import { useRespond, type Meeting } from './cabinet.api.js';

const OPEN: ReadonlySet<Meeting['status']> = new Set(['draft', 'invited', 'in_progress']);

/**
 * A participant answers the invitation: confirms, or reports an absence with its reason. A secretary may
 * answer for the member they work for.
 */
export function RespondPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const respond = useRespond(meeting.id);
  const [forWhom, setForWhom] = useState('');
  const [absent, setAbsent] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<'confirmed' | 'absenceSent' | null>(null);
  const principals = meeting.me.onBehalfOf;
  if (!OPEN.has(meeting.status) || (meeting.me.role === null && principals.length === 0)) return null;
  const names = new Map(meeting.participants.map((p) => [p.personId, p.displayName]));
  const personId = forWhom || (meeting.me.role === null ? principals[0] : undefined);
  const target = { ...(personId ? { personId } : {}) };
  const send = (answer: 'confirm' | 'absent') =>
    respond.mutate(
      { answer, ...target, ...(answer === 'absent' ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          setDone(answer === 'confirm' ? 'confirmed' : 'absenceSent');
          setAbsent(false);
          setReason('');
        },
      },
    );
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h3" mb="sm">
        {t('cabinet.respond.title')}
      </Title>
      <Stack gap="sm">
        <SuccessNotice message={done ? t(`cabinet.respond.${done}`) : null} onClose={() => setDone(null)} />
        {principals.length > 0 ? (
          <NativeSelect
            label={t('cabinet.respond.forWhom')}
            value={personId ?? ''}
            onChange={(e) => setForWhom(e.currentTarget.value)}
            data={[
              ...(meeting.me.role !== null ? [{ value: '', label: t('cabinet.respond.myself') }] : []),
              ...principals.map((id) => ({ value: id, label: names.get(id) ?? id })),
            ]}
            w={{ base: '100%', xs: 320 }}
          />
        ) : null}
        {respond.isError && !absent ? <ErrorAlert error={respond.error} /> : null}
        <Group gap="sm">
          <Button
            onClick={() => send('confirm')}
            loading={respond.isPending && respond.variables.answer === 'confirm'}
          >
            {t('cabinet.respond.confirm')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              respond.reset();
              setAbsent(true);
            }}
          >
            {t('cabinet.respond.absent')}
          </Button>
        </Group>
      </Stack>
      <FormModal
        opened={absent}
        title={t('cabinet.respond.absentTitle')}
        onClose={() => setAbsent(false)}
        onSubmit={() => send('absent')}
        error={respond.error}
        pending={respond.isPending}
        cancelLabel={t('cabinet.respond.cancel')}
        actionLabel={t('cabinet.respond.send')}
        actionDisabled={reason.trim() === ''}
      >
        <Textarea
          label={t('cabinet.respond.reason')}
          required
          autosize
          minRows={3}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
      </FormModal>
    </Paper>
  );
}
