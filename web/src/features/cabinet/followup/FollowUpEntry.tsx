import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Meeting } from '../cabinet.api.js';
import { CountdownBadge } from './DueBadges.js';
import { minutesPdfUrl, useConclusion, useMinutes } from './followup.api.js';

const AFTER = new Set<Meeting['status']>(['ended', 'concluded']);

/** On the meeting page once it has ended: where the minutes and the conclusion notice stand, and the way in. */
export function FollowUpEntry({ meeting }: { meeting: Meeting }) {
  if (!AFTER.has(meeting.status)) return null;
  return <Entry meeting={meeting} />;
}

function Entry({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const minutes = useMinutes(meeting.id);
  const conclusion = useConclusion(meeting.id);
  const m = minutes.data;
  const c = conclusion.data?.conclusion;
  const minutesLine =
    m === undefined
      ? null
      : m === null
        ? t('cabinetFollowUp.entry.minutesNone')
        : m.state === 'approved'
          ? t('cabinetFollowUp.entry.minutesApproved')
          : t('cabinetFollowUp.entry.minutesDraft');
  const conclusionLine =
    conclusion.data === undefined
      ? null
      : !c
        ? t('cabinetFollowUp.entry.conclusionNone')
        : c.state === 'issued'
          ? t('cabinetFollowUp.entry.conclusionIssued', { reference: c.reference })
          : t('cabinetFollowUp.entry.conclusionDraft');
  const left = conclusion.data?.workingDaysLeft;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="followup-entry">
      <Stack gap="xs">
        <Title id="followup-entry" order={2} size="h3">
          {t('cabinetFollowUp.entry.title')}
        </Title>
        {minutesLine ? <Text size="sm">{minutesLine}</Text> : null}
        {conclusionLine ? (
          <Group gap="xs" wrap="wrap">
            <Text size="sm">{conclusionLine}</Text>
            {c?.state !== 'issued' && typeof left === 'number' && meeting.me.mayPrepare ? (
              <CountdownBadge workingDaysLeft={left} />
            ) : null}
          </Group>
        ) : null}
        <Group gap="sm" wrap="wrap">
          <Button
            component={Link}
            to={`/cabinet/meetings/${encodeURIComponent(meeting.id)}/minutes`}
            w={{ base: '100%', xs: 'fit-content' }}
            variant="light"
          >
            {t('cabinetFollowUp.entry.open')}
          </Button>
          {m?.state === 'approved' ? (
            <Anchor href={minutesPdfUrl(meeting.id)} download size="sm">
              {t('cabinetFollowUp.entry.pdf')}
            </Anchor>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
