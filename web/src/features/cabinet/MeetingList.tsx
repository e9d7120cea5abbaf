import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CardList, ListCard } from '../../app/CardList.js';
import { ListTable } from '../../app/ListTable.js';
import { useIsPhone } from '../../app/useIsPhone.js';
import type { MeetingSummary } from './cabinet.api.js';
import { AttendanceBadge, StatusBadge } from './MeetingBadges.js';
import { useCabinetFormat } from './useCabinetFormat.js';

const meetingLink = (m: MeetingSummary) => `/cabinet/meetings/${encodeURIComponent(m.id)}`;

/** Meetings as cards on a phone and as a table on a wider screen; each title opens its meeting. */
export function MeetingList({ label, meetings }: { label: string; meetings: MeetingSummary[] }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { bodyName, timeRange } = useCabinetFormat();
  const title = (m: MeetingSummary) => (
    <Anchor component={Link} to={meetingLink(m)} fw={600} className="cpdt-wrap">
      {m.title}
    </Anchor>
  );
  if (phone) {
    return (
      <CardList label={label}>
        {meetings.map((m) => (
          <ListCard key={m.id}>
            <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
              {title(m)}
              <StatusBadge status={m.status} />
            </Group>
            <Text size="sm">{timeRange(m)}</Text>
            {m.myAttendance ? <AttendanceBadge attendance={m.myAttendance} /> : null}
            <Text size="sm" c="dimmed" className="cpdt-wrap">
              {[bodyName(m.body), t(`cabinet.kinds.${m.kind}`), m.location].filter(Boolean).join(' · ')}
            </Text>
          </ListCard>
        ))}
      </CardList>
    );
  }
  const c = (key: 'title' | 'body' | 'time' | 'location' | 'status') => t(`cabinet.columns.${key}`);
  return (
    <ListTable
      label={label}
      columns={[c('title'), c('body'), c('time'), c('location'), c('status')]}
      minWidth={760}
    >
      {meetings.map((m) => (
        <Table.Tr key={m.id}>
          <Table.Td>
            {title(m)}
            <Text size="xs" c="dimmed">
              {t(`cabinet.kinds.${m.kind}`)}
            </Text>
          </Table.Td>
          <Table.Td>{bodyName(m.body)}</Table.Td>
          <Table.Td>{timeRange(m)}</Table.Td>
          <Table.Td className="cpdt-wrap">{m.location}</Table.Td>
          <Table.Td>
            <Group gap={4}>
              <StatusBadge status={m.status} />
              {m.myAttendance ? <AttendanceBadge attendance={m.myAttendance} /> : null}
            </Group>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
