import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useLanguage } from '../../../i18n/index.js';
import { SignDialog, useSigner } from '../../signing/index.js';
import {
  useCastVote,
  useClosePoll,
  useOpenPoll,
  usePrepareVote,
  type LivePoll,
  type PollKind,
  type PreparedSignature,
  type Receipt,
} from '../polls/polls.api.js';
import type { LiveSnapshot, LiveViewer } from './live.api.js';

interface PollPanelProps {
  meetingId: string;
  snapshot: LiveSnapshot;
  viewer: LiveViewer;
  /** Called after an action when the room's socket is down (the snapshot is fetched again). */
  refresh: () => void;
}

/**
 * Votes in the room: the chair (or the office) opens one on the current item, follows the turnout — never the
 * choices — and closes it; a member picks a choice, sees exactly what is signed, signs with this device's key
 * and gets the sealed receipt. Works one-handed on a phone.
 */
export function PollPanel({ meetingId, snapshot, viewer, refresh }: PollPanelProps) {
  const { t } = useTranslation();
  const poll = snapshot.poll;
  const runsRoom = viewer.runsRoom;
  const inProgress = snapshot.meeting.status === 'in_progress';
  const open = poll?.state === 'open' ? poll : null;
  if (!poll && !(runsRoom && inProgress)) return null;

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="live-polls"
      data-testid="poll-panel"
    >
      <Stack gap="sm">
        <Title id="live-polls" order={2} size="h4">
          {t('cabinetPolls.panel.heading')}
        </Title>
        {open ? (
          <OpenPoll meetingId={meetingId} poll={open} viewer={viewer} refresh={refresh} />
        ) : poll ? (
          <ClosedPoll meetingId={meetingId} poll={poll} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('cabinetPolls.panel.none')}
          </Text>
        )}
        {runsRoom && inProgress && !open ? (
          <OpenForm meetingId={meetingId} hasItem={snapshot.currentItemId !== null} refresh={refresh} />
        ) : null}
      </Stack>
    </Paper>
  );
}

function OpenForm({
  meetingId,
  hasItem,
  refresh,
}: {
  meetingId: string;
  hasItem: boolean;
  refresh: () => void;
}) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<PollKind>('yes_no_abstain');
  const [options, setOptions] = useState('');
  const opening = useOpenPoll(meetingId);
  if (!hasItem)
    return (
      <Text size="sm" c="dimmed">
        {t('cabinetPolls.panel.needsItem')}
      </Text>
    );
  const submit = () => {
    opening.mutate(
      {
        question: question.trim(),
        kind,
        ...(kind === 'options'
          ? {
              options: options
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean),
            }
          : {}),
      },
      {
        onSuccess: () => {
          setQuestion('');
          setOptions('');
          refresh();
        },
      },
    );
  };
  return (
    <Stack gap="xs">
      <TextInput
        label={t('cabinetPolls.panel.question')}
        placeholder={t('cabinetPolls.panel.questionPlaceholder')}
        value={question}
        onChange={(e) => setQuestion(e.currentTarget.value)}
        maxLength={1000}
      />
      <SegmentedControl
        aria-label={t('cabinetPolls.panel.kind')}
        fullWidth
        value={kind}
        onChange={setKind}
        data={[
          { value: 'yes_no_abstain', label: t('cabinetPolls.panel.kindYesNo') },
          { value: 'options', label: t('cabinetPolls.panel.kindOptions') },
        ]}
        styles={{ label: { whiteSpace: 'normal' } }}
      />
      {kind === 'options' ? (
        <Textarea
          label={t('cabinetPolls.panel.options')}
          autosize
          minRows={2}
          value={options}
          onChange={(e) => setOptions(e.currentTarget.value)}
        />
      ) : null}
      {opening.isError ? <ErrorAlert error={opening.error} /> : null}
      <Button onClick={submit} loading={opening.isPending} disabled={!question.trim()} w="fit-content">
        {t('cabinetPolls.panel.open')}
      </Button>
    </Stack>
  );
}

function Turnout({ poll }: { poll: LivePoll }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="poll-turnout">
      <Text size="sm" fw={600} aria-live="polite">
        {t('cabinetPolls.panel.turnout', { voted: poll.voted, roster: poll.rosterSize })}
      </Text>
      <Progress
        value={poll.rosterSize ? (100 * poll.voted) / poll.rosterSize : 0}
        aria-label={t('cabinetPolls.panel.turnout', { voted: poll.voted, roster: poll.rosterSize })}
      />
      <Text size="sm">{t('cabinetPolls.panel.needed', { needed: poll.needed })}</Text>
      {poll.unratified > 0 ? (
        <Text size="sm" c="orange">
          {t('cabinetPolls.panel.unratified', { count: poll.unratified })}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('cabinetPolls.panel.hidden')}
      </Text>
    </Stack>
  );
}

function OpenPoll({
  meetingId,
  poll,
  viewer,
  refresh,
}: {
  meetingId: string;
  poll: LivePoll;
  viewer: LiveViewer;
  refresh: () => void;
}) {
  const { t } = useTranslation();
  const closing = useClosePoll(meetingId);
  const onRoster = poll.roster.includes(viewer.personId);
  const voted = poll.voters.includes(viewer.personId);
  return (
    <Stack gap="sm">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text fw={600} className="cpdt-wrap" data-testid="poll-question">
          {poll.question}
        </Text>
        <Badge color="green">{t('cabinetPolls.state.open')}</Badge>
      </Group>
      <Turnout poll={poll} />
      {onRoster ? (
        <VoteForm meetingId={meetingId} poll={poll} voted={voted} refresh={refresh} />
      ) : viewer.participant ? (
        <Text size="sm" c="dimmed">
          {t('cabinetPolls.panel.notOnRoster')}
        </Text>
      ) : null}
      {viewer.runsRoom ? (
        <>
          {closing.isError ? <ErrorAlert error={closing.error} /> : null}
          <Button
            color="red"
            variant="light"
            w="fit-content"
            loading={closing.isPending}
            onClick={() => {
              if (window.confirm(t('cabinetPolls.panel.closeConfirm')))
                closing.mutate(poll.id, { onSuccess: refresh });
            }}
          >
            {t('cabinetPolls.panel.close')}
          </Button>
        </>
      ) : null}
      <Anchor
        component={Link}
        to={`/cabinet/meetings/${encodeURIComponent(meetingId)}/polls/${poll.id}`}
        size="sm"
      >
        {t('cabinetPolls.panel.details')}
      </Anchor>
    </Stack>
  );
}

function VoteForm({
  meetingId,
  poll,
  voted,
  refresh,
}: {
  meetingId: string;
  poll: LivePoll;
  voted: boolean;
  refresh: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const signer = useSigner();
  const [choice, setChoice] = useState<string | null>(null);
  const [prepared, setPrepared] = useState<PreparedSignature | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const prepare = usePrepareVote(meetingId, poll.id);
  const cast = useCastVote(meetingId, poll.id);

  if (receipt)
    return (
      <Alert color="green" role="status" data-testid="poll-receipt" className="cpdt-wrap">
        <Stack gap={4}>
          <Text fw={600}>{t('cabinetPolls.panel.receipt', { seq: receipt.logSeq })}</Text>
          <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {t('cabinetPolls.panel.receiptHash', { hash: receipt.payloadSha256 })}
          </Text>
        </Stack>
      </Alert>
    );
  if (voted)
    return (
      <Text size="sm" fw={600} data-testid="poll-voted">
        {t('cabinetPolls.panel.voted')}
      </Text>
    );

  return (
    <Stack gap="sm">
      <Radio.Group label={t('cabinetPolls.panel.choose')} value={choice} onChange={setChoice}>
        <Stack gap="xs" mt={4}>
          {poll.choices.map((c) => (
            <Radio key={c.id} value={c.id} label={c[language]} size="md" />
          ))}
        </Stack>
      </Radio.Group>
      {prepare.isError ? <ErrorAlert error={prepare.error} /> : null}
      <Button
        size="md"
        disabled={!choice}
        loading={prepare.isPending}
        onClick={() => {
          cast.reset();
          prepare.mutate(
            { choice: choice!, certificateId: signer.certificateId ?? undefined },
            { onSuccess: setPrepared },
          );
        }}
      >
        {t('cabinetPolls.panel.sign')}
      </Button>
      {prepared ? (
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
            const r = await cast.mutateAsync({
              payload: prepared.payload,
              toBeSigned: prepared.toBeSigned,
              signature,
              certificateId,
            });
            setPrepared(null);
            setReceipt(r);
            refresh();
          }}
        />
      ) : null}
    </Stack>
  );
}

function ClosedPoll({ meetingId, poll }: { meetingId: string; poll: LivePoll }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Stack gap="xs" data-testid="poll-closed">
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text fw={600} className="cpdt-wrap">
          {poll.question}
        </Text>
        <Badge color="gray">{t(`cabinetPolls.state.${poll.state}`)}</Badge>
      </Group>
      {poll.outcome ? (
        <>
          <Text fw={700} data-testid="poll-outcome">
            {t(`cabinetPolls.result.${poll.outcome.result}`)}
          </Text>
          <Text size="sm">
            {poll.choices.map((c) => `${c[language]}: ${poll.outcome!.counts[c.id] ?? 0}`).join(' · ')}
          </Text>
        </>
      ) : null}
      <Anchor
        component={Link}
        to={`/cabinet/meetings/${encodeURIComponent(meetingId)}/polls/${poll.id}`}
        size="sm"
      >
        {t('cabinetPolls.panel.details')}
      </Anchor>
    </Stack>
  );
}
