import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Attendance, MeetingStatus } from './cabinet.api.js';

const STATUS_COLOR: Record<MeetingStatus, string> = {
  draft: 'gray',
  invited: 'blue',
  in_progress: 'green',
  ended: 'dark',
  concluded: 'teal',
  cancelled: 'red',
};

const ATTENDANCE_COLOR: Record<Attendance, string> = {
  invited: 'gray',
  confirmed: 'blue',
  absence_requested: 'orange',
  absence_approved: 'teal',
  absence_refused: 'red',
  checked_in: 'green',
  left: 'dark',
};

export function StatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" style={{ flexShrink: 0 }}>
      {t(`cabinet.statuses.${status}`)}
    </Badge>
  );
}

export function AttendanceBadge({ attendance }: { attendance: Attendance }) {
  const { t } = useTranslation();
  return (
    <Badge color={ATTENDANCE_COLOR[attendance]} variant="light" style={{ flexShrink: 0 }}>
      {t(`cabinet.attendance.${attendance}`)}
    </Badge>
  );
}
