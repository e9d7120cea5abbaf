import { Anchor, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../app/PageHeader.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { useMeeting } from '../cabinet.api.js';
import { SignedInOnly } from '../SignedInOnly.js';
import { useCabinetFormat } from '../useCabinetFormat.js';
import { ConclusionPanel } from './ConclusionPanel.js';
import { MinutesPanel } from './MinutesPanel.js';

/** /cabinet/meetings/:meetingId/minutes: the minutes, the conclusion notice and its tasks. */
export function MinutesPage() {
  const { meetingId = '' } = useParams();
  return (
    <SignedInOnly>
      <FollowUpView meetingId={meetingId} />
    </SignedInOnly>
  );
}

function FollowUpView({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const meeting = useMeeting(meetingId);
  const { bodyName, timeRange } = useCabinetFormat();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Stack gap="lg" maw={960}>
      <Anchor
        component={Link}
        to={`/cabinet/meetings/${encodeURIComponent(meetingId)}`}
        size="sm"
        w="fit-content"
      >
        <span aria-hidden>← </span>
        {t('cabinetFollowUp.back')}
      </Anchor>
      <QueryView query={meeting}>
        {(m) => (
          <>
            <PageHeader title={t('cabinetFollowUp.title')} />
            <Text className="cpdt-wrap" mt={-16}>
              {m.title} · {bodyName(m.body)} · {timeRange(m)}
            </Text>
            <SuccessNotice message={notice} onClose={() => setNotice(null)} />
            <MinutesPanel meeting={m} notify={setNotice} />
            <ConclusionPanel meetingId={m.id} notify={setNotice} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
