import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../app/PageHeader.js';
import { QueryView } from '../../app/QueryView.js';
import { AgendaSection } from './AgendaSection.js';
import { DiscussionSection } from './discussion/DiscussionSection.js';
import { FollowUpEntry } from './followup/FollowUpEntry.js';
import { LiveRoomEntry } from './live/LiveRoomEntry.js';
import { useMeeting } from './cabinet.api.js';
import { MeetingDetails } from './MeetingDetails.js';
import { OfficePanel } from './OfficePanel.js';
import { AgendaEditor } from './papers/AgendaEditor.js';
import { ParticipantsSection } from './ParticipantsSection.js';
import { RespondPanel } from './RespondPanel.js';
import { SignedInOnly } from './SignedInOnly.js';

/** /cabinet/meetings/:meetingId: one meeting for its participants, and its preparation for the office. */
export function MeetingPage() {
  const { meetingId = '' } = useParams();
  return (
    <SignedInOnly>
      <MeetingView meetingId={meetingId} />
    </SignedInOnly>
  );
}

function MeetingView({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const meeting = useMeeting(meetingId);
  return (
    <Stack gap="lg" maw={960}>
      <Anchor component={Link} to="/cabinet" size="sm" w="fit-content">
        <span aria-hidden>← </span>
        {t('cabinet.meeting.back')}
      </Anchor>
      <QueryView query={meeting}>
        {(m) => (
          <>
            <PageHeader title={m.title} />
            <MeetingDetails meeting={m} />
            <LiveRoomEntry meeting={m} />
            <RespondPanel meeting={m} />
            {m.me.mayPrepare ? <OfficePanel meeting={m} /> : null}
            <ParticipantsSection meeting={m} />
            <AgendaSection meetingId={m.id} />
            {m.me.mayPrepare ? <AgendaEditor meetingId={m.id} /> : null}
            <DiscussionSection meetingId={m.id} />
            <FollowUpEntry meeting={m} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
