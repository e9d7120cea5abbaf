import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { SuccessNotice } from '../../app/SuccessNotice.js';
import { PARTICIPANT_ROLES, useDecideAbsence, type Meeting, type Participant } from './cabinet.api.js';
import { AttendanceBadge } from './MeetingBadges.js';

/** Who takes part, grouped by role, with their answers; the chair or the office decides absence requests. */
export function ParticipantsSection({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const decide = useDecideAbsence(meeting.id);
  const [decided, setDecided] = useState(false);
  const mayDecide = meeting.me.isChair || meeting.me.mayPrepare;
  const names = new Map(meeting.participants.map((p) => [p.personId, p.displayName]));
  const groups = PARTICIPANT_ROLES.map((role) => ({
    role,
    people: meeting.participants.filter((p) => p.role === role),
  })).filter((g) => g.people.length > 0);

  const row = (p: Participant) => (
    <Paper component="li" key={p.personId} withBorder radius="sm" p="xs">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 12rem' }}>
          <Text fw={600} className="cpdt-wrap">
            {p.displayName}
          </Text>
          {p.substituteFor ? (
            <Text size="sm" c="dimmed">
              {t('cabinet.participants.substituteFor', { name: names.get(p.substituteFor) ?? '' })}
            </Text>
          ) : null}
          {p.remote ? (
            <Text size="sm" c="dimmed">
              {t('cabinet.participants.remote')}
            </Text>
          ) : null}
          {p.absenceReason ? (
            <Text size="sm" className="cpdt-wrap">
              {t('cabinet.participants.reason', { reason: p.absenceReason })}
            </Text>
          ) : null}
        </Stack>
        <AttendanceBadge attendance={p.attendance} />
      </Group>
      {mayDecide && p.attendance === 'absence_requested' ? (
        <Group gap="xs" mt="xs">
          <Button
            size="xs"
            aria-label={t('cabinet.participants.approve', { name: p.displayName })}
            loading={decide.isPending && decide.variables.personId === p.personId && decide.variables.approve}
            onClick={() =>
              decide.mutate({ personId: p.personId, approve: true }, { onSuccess: () => setDecided(true) })
            }
          >
            {t('cabinet.participants.approveShort')}
          </Button>
          <Button
            size="xs"
            variant="default"
            aria-label={t('cabinet.participants.refuse', { name: p.displayName })}
            loading={
              decide.isPending && decide.variables.personId === p.personId && !decide.variables.approve
            }
            onClick={() =>
              decide.mutate({ personId: p.personId, approve: false }, { onSuccess: () => setDecided(true) })
            }
          >
            {t('cabinet.participants.refuseShort')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h3" mb="sm">
        {t('cabinet.participants.title')}
      </Title>
      <SuccessNotice
        message={decided ? t('cabinet.participants.decided') : null}
        onClose={() => setDecided(false)}
      />
      {decide.isError ? <ErrorAlert error={decide.error} /> : null}
      {groups.length === 0 ? <Text c="dimmed">{t('cabinet.participants.empty')}</Text> : null}
      <Stack gap="md">
        {groups.map((g) => (
          <section key={g.role}>
            <Title order={3} size="h5" mb={6}>
              {t(`cabinet.roles.${g.role}`)} ({g.people.length})
            </Title>
            <Stack
              component="ul"
              gap={6}
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-label={t(`cabinet.roles.${g.role}`)}
            >
              {g.people.map(row)}
            </Stack>
          </section>
        ))}
      </Stack>
    </Paper>
  );
}
