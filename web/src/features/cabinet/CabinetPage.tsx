import { Button, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Permissions } from '../../api/permissions.js';
import { PageHeader } from '../../app/PageHeader.js';
import { QueryView } from '../../app/QueryView.js';
import { hasPermission, useSession } from '../identity/session.js';
import { useMeetings, type MeetingSummary, type MeetingsView } from './cabinet.api.js';
import { MeetingCreateModal } from './MeetingCreateModal.js';
import { MeetingList } from './MeetingList.js';
import { SignedInOnly } from './SignedInOnly.js';

/** /cabinet: the meetings I take part in and, for the Government Office, the meetings it prepares. */
export function CabinetPage() {
  return (
    <SignedInOnly>
      <CabinetLists />
    </SignedInOnly>
  );
}

function CabinetLists() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const office = hasPermission(session.data, Permissions.manageMeetings);
  const [tab, setTab] = useState<MeetingsView>('mine');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('cabinet.title')}
        intro={t('cabinet.intro')}
        actions={
          office ? <Button onClick={() => setCreating(true)}>{t('cabinet.create.button')}</Button> : null
        }
      />
      {office ? (
        <Tabs value={tab} onChange={(v) => setTab(v === 'office' ? 'office' : 'mine')} keepMounted={false}>
          <Tabs.List aria-label={t('cabinet.tabs.label')} mb="md">
            <Tabs.Tab value="mine">{t('cabinet.tabs.mine')}</Tabs.Tab>
            <Tabs.Tab value="office">{t('cabinet.tabs.office')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="mine">
            <Meetings view="mine" level={2} />
          </Tabs.Panel>
          <Tabs.Panel value="office">
            <Meetings view="office" level={2} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <>
          <Title order={2} size="h3" mb="sm">
            {t('cabinet.tabs.mine')}
          </Title>
          <Meetings view="mine" level={3} />
        </>
      )}
      {office ? (
        <MeetingCreateModal
          opened={creating}
          onClose={() => setCreating(false)}
          onCreated={(meeting) => void navigate(`/cabinet/meetings/${encodeURIComponent(meeting.id)}`)}
        />
      ) : null}
    </>
  );
}

/** Upcoming meetings first (soonest first), then the past ones (latest first). */
function Meetings({ view, level }: { view: MeetingsView; level: 2 | 3 }) {
  const { t } = useTranslation();
  const meetings = useMeetings(view);
  return (
    <QueryView query={meetings}>
      {(data) => {
        const now = Date.now();
        const upcoming = data.items
          .filter((m) => new Date(m.plannedEnd).getTime() >= now)
          .sort((a, b) => a.plannedStart.localeCompare(b.plannedStart));
        const past = data.items.filter((m) => new Date(m.plannedEnd).getTime() < now);
        return (
          <Stack gap="lg">
            <Group
              level={level}
              title={t('cabinet.upcoming')}
              empty={t('cabinet.emptyUpcoming')}
              meetings={upcoming}
            />
            <Group level={level} title={t('cabinet.past')} empty={t('cabinet.emptyPast')} meetings={past} />
          </Stack>
        );
      }}
    </QueryView>
  );
}

function Group({
  level,
  title,
  empty,
  meetings,
}: {
  level: 2 | 3;
  title: string;
  empty: string;
  meetings: MeetingSummary[];
}) {
  const { t } = useTranslation();
  return (
    <section>
      <Title order={level} size="h4" mb="xs">
        {title}
      </Title>
      {meetings.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <MeetingList label={t('cabinet.listLabel', { group: title })} meetings={meetings} />
      )}
    </section>
  );
}
