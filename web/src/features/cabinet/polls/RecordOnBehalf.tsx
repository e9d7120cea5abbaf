import { Alert, Button, Paper, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useLanguage } from '../../../i18n/index.js';
import { SignDialog, useSigner } from '../../signing/index.js';
import {
  useCastVote,
  usePrepareVote,
  type PollDetail,
  type PreparedSignature,
  type Receipt,
} from './polls.api.js';

/**
 * The office records a member's vote on their behalf (a member voting by phone call who cannot sign, say), only
 * where the rule profile allows it (`mayRecord`). The recorder signs with their own key and must say on what
 * evidence; the vote is counted as unratified until the member signs a ratification on their own device.
 */
export function RecordOnBehalf({ meetingId, poll }: { meetingId: string; poll: PollDetail }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const signer = useSigner();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [evidence, setEvidence] = useState('');
  const [prepared, setPrepared] = useState<PreparedSignature | null>(null);
  const [recorded, setRecorded] = useState<{ name: string; receipt: Receipt } | null>(null);
  const prepare = usePrepareVote(meetingId, poll.id);
  const cast = useCastVote(meetingId, poll.id);
  const waiting = poll.members.filter((m) => !m.voted);
  const member = poll.members.find((m) => m.personId === memberId) ?? null;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="poll-record-heading">
      <Stack gap="sm" data-testid="poll-record">
        <Title id="poll-record-heading" order={2} size="h4">
          {t('cabinetPolls.record.heading')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('cabinetPolls.record.intro')}
        </Text>
        {recorded ? (
          <Alert color="green" role="status" data-testid="poll-record-receipt" className="cpdt-wrap">
            {t('cabinetPolls.record.done', { name: recorded.name, seq: recorded.receipt.logSeq })}
          </Alert>
        ) : null}
        {waiting.length === 0 ? (
          <Text size="sm">{t('cabinetPolls.record.everyoneVoted')}</Text>
        ) : (
          <>
            <Select
              label={t('cabinetPolls.record.member')}
              placeholder={t('cabinetPolls.record.memberPlaceholder')}
              data={waiting.map((m) => ({
                value: m.personId,
                label: m.title ? `${m.fullName} — ${m.title}` : m.fullName,
              }))}
              value={memberId}
              onChange={(v) => {
                setMemberId(v);
                setRecorded(null);
              }}
              searchable
              allowDeselect={false}
            />
            <Radio.Group label={t('cabinetPolls.record.choice')} value={choice} onChange={setChoice}>
              <Stack gap="xs" mt={4}>
                {poll.choices.map((c) => (
                  <Radio key={c.id} value={c.id} label={c[language]} />
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label={t('cabinetPolls.record.evidence')}
              description={t('cabinetPolls.record.evidenceHelp')}
              autosize
              minRows={2}
              maxLength={2000}
              value={evidence}
              onChange={(e) => setEvidence(e.currentTarget.value)}
            />
            {prepare.isError ? <ErrorAlert error={prepare.error} /> : null}
            <Button
              w="fit-content"
              disabled={!member || !choice || !evidence.trim()}
              loading={prepare.isPending}
              onClick={() => {
                cast.reset();
                prepare.mutate(
                  {
                    choice: choice!,
                    memberId: memberId!,
                    evidence: evidence.trim(),
                    certificateId: signer.certificateId ?? undefined,
                  },
                  { onSuccess: setPrepared },
                );
              }}
            >
              {t('cabinetPolls.record.sign')}
            </Button>
          </>
        )}
        {prepared && member ? (
          <SignDialog
            opened
            summary={prepared.summary[language]}
            payload={prepared.payload}
            payloadSha256={prepared.payloadSha256}
            toBeSigned={prepared.toBeSigned}
            certificateId={prepared.certificateId}
            submitting={cast.isPending}
            error={cast.error}
            onCancel={() => setPrepared(null)}
            onSigned={async ({ signature, certificateId }) => {
              const receipt = await cast.mutateAsync({
                payload: prepared.payload,
                toBeSigned: prepared.toBeSigned,
                signature,
                certificateId,
              });
              setPrepared(null);
              setRecorded({ name: member.fullName, receipt });
              setMemberId(null);
              setChoice(null);
              setEvidence('');
            }}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
