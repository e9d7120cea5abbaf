import { Anchor, Badge, Group, Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../app/DetailList.js';
import type { Meeting } from './cabinet.api.js';
import { StatusBadge } from './MeetingBadges.js';
import { useCabinetFormat } from './useCabinetFormat.js';

/** What, when, where, the papers-due day, whether the notice period was met, and the quorum. */
export function MeetingDetails({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const { bodyName, timeRange, day, dateTime } = useCabinetFormat();
  const m = 'cabinet.meeting';
  const notice =
    meeting.noticeMet === null
      ? t(`${m}.noticePending`)
      : meeting.noticeMet
        ? t(`${m}.noticeMet`)
        : t(`${m}.noticeLate`);
  const q = meeting.quorum;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h3" mb="sm">
        {t(`${m}.details`)}
      </Title>
      <DetailList
        items={[
          { label: t(`${m}.body`), value: `${bodyName(meeting.body)} (${meeting.body.code})` },
          { label: t(`${m}.kind`), value: t(`cabinet.kinds.${meeting.kind}`) },
          { label: t(`${m}.status`), value: <StatusBadge status={meeting.status} /> },
          { label: t(`${m}.cancelledReason`), value: meeting.cancelledReason },
          { label: t(`${m}.time`), value: timeRange(meeting) },
          { label: t(`${m}.location`), value: meeting.location },
          {
            label: t(`${m}.online`),
            value: meeting.onlineUrl ? (
              <Anchor
                href={meeting.onlineUrl}
                target="_blank"
                rel="noopener noreferrer"
                className="cpdt-wrap"
              >
                {t(`${m}.onlineLink`)}
              </Anchor>
            ) : null,
          },
          { label: t(`${m}.papersDue`), value: day(meeting.papersDueOn) },
          {
            label: t(`${m}.notice`),
            value: (
              <Badge
                variant="light"
                color={meeting.noticeMet === null ? 'gray' : meeting.noticeMet ? 'green' : 'red'}
              >
                {notice}
              </Badge>
            ),
          },
          {
            label: t(`${m}.invitationsSent`),
            value: meeting.invitationsSentAt ? dateTime(meeting.invitationsSentAt) : null,
          },
          {
            label: t(`${m}.quorum`),
            value: (
              <Group gap="xs">
                <span>
                  {t(`${m}.quorumValue`, { present: q.present, seated: q.seated, required: q.required })}
                </span>
                <Badge variant="light" color={q.reached ? 'green' : 'gray'}>
                  {q.reached ? t(`${m}.quorumReached`) : t(`${m}.quorumNotReached`)}
                </Badge>
              </Group>
            ),
          },
          { label: t(`${m}.myRole`), value: meeting.me.role ? t(`cabinet.roles.${meeting.me.role}`) : null },
        ]}
      />
    </Paper>
  );
}
