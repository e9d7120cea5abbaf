import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { PageLoader } from '../../../app/PageLoader.js';
import { useDateTime } from '../../../i18n/format.js';
import { useLanguage } from '../../../i18n/index.js';
import { SignDialog, useSigner } from '../../signing/index.js';
import { SignedInOnly } from '../SignedInOnly.js';
import { RecordOnBehalf } from './RecordOnBehalf.js';
import {
  choiceLabel,
  download,
  fromBase64,
  pollPath,
  useClosePoll,
  usePoll,
  usePrepareRatification,
  useRatify,
  type PollDetail,
  type PollMember,
  type PreparedSignature,
} from './polls.api.js';

/** /cabinet/meetings/:meetingId/polls/:pollId: one poll — turnout while open; after close the outcome, the rule and its legal basis, the named votes and their receipts. */
export function PollPage() {
  const { meetingId = '', pollId = '' } = useParams();
  return (
    <SignedInOnly>
      <PollView meetingId={meetingId} pollId={pollId} />
    </SignedInOnly>
  );
}

function PollView({ meetingId, pollId }: { meetingId: string; pollId: string }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const query = usePoll(meetingId, pollId);
  const closing = useClosePoll(meetingId);
  const back = (
    <Anchor
      component={Link}
      to={`/cabinet/meetings/${encodeURIComponent(meetingId)}/live`}
      size="sm"
      w="fit-content"
    >
      <span aria-hidden>← </span>
      {t('cabinetPolls.back')}
    </Anchor>
  );
  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <Stack gap="md">
        {back}
        {query.error.status === 404 ? (
          <Alert color="red" role="alert">
            {t('cabinetPolls.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Stack>
    );
  const poll = query.data;
  const closed = poll.state !== 'open';
  return (
    <Stack gap="md" maw={1000}>
      {back}
      <PageHeader
        title={poll.question}
        intro={t('cabinetPolls.page.item', { title: poll.agendaItemTitle })}
        actions={<Badge color={closed ? 'gray' : 'green'}>{t(`cabinetPolls.state.${poll.state}`)}</Badge>}
      />
      <Text size="sm" c="dimmed">
        {t('cabinetPolls.page.openedAt', { at: dateTime(poll.openedAt) })}
        {poll.closedAt ? ` · ${t('cabinetPolls.page.closedAt', { at: dateTime(poll.closedAt) })}` : ''}
        {` · ${t('cabinetPolls.page.present', { count: poll.presentCount })}`}
      </Text>
      {poll.mine.needsRatification && !closed ? <Ratify meetingId={meetingId} poll={poll} /> : null}
      {closed ? (
        <OutcomeCard poll={poll} />
      ) : (
        <Paper withBorder p="md" radius="md">
          <Stack gap={4}>
            <Text fw={600} data-testid="poll-turnout">
              {t('cabinetPolls.panel.turnout', { voted: poll.voted, roster: poll.rosterSize })}
            </Text>
            <Text size="sm">{t('cabinetPolls.panel.needed', { needed: poll.needed })}</Text>
            <Text size="xs" c="dimmed">
              {t('cabinetPolls.panel.hidden')}
            </Text>
            {poll.mayRun ? (
              <>
                {closing.isError ? <ErrorAlert error={closing.error} /> : null}
                <Button
                  color="red"
                  variant="light"
                  w="fit-content"
                  mt="xs"
                  loading={closing.isPending}
                  onClick={() => {
                    if (window.confirm(t('cabinetPolls.panel.closeConfirm'))) closing.mutate(poll.id);
                  }}
                >
                  {t('cabinetPolls.panel.close')}
                </Button>
              </>
            ) : null}
          </Stack>
        </Paper>
      )}
      {poll.mayRecord && !closed ? <RecordOnBehalf meetingId={meetingId} poll={poll} /> : null}
      <Members poll={poll} />
      <Evidence poll={poll} />
    </Stack>
  );
}

function OutcomeCard({ poll }: { poll: PollDetail }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const outcome = poll.outcome;
  if (!outcome) return null;
  const passed = outcome.result === 'passed' || outcome.result === 'passed_by_tie_break';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="poll-outcome-heading">
      <Stack gap="sm">
        <Title id="poll-outcome-heading" order={2} size="h4">
          {t('cabinetPolls.page.outcome')}
        </Title>
        <Text size="xl" fw={700} c={passed ? 'green.8' : 'red.8'} data-testid="poll-result">
          {t(`cabinetPolls.result.${outcome.result}`)}
        </Text>
        <Group gap="md" wrap="wrap" data-testid="poll-counts">
          {poll.choices.map((c) => (
            <Text key={c.id} size="sm">
              {c[language]}: <strong>{outcome.counts[c.id] ?? 0}</strong>
            </Text>
          ))}
          <Text size="sm">
            {t('cabinetPolls.page.notVoted')}: <strong>{outcome.missing}</strong>
          </Text>
        </Group>
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('cabinetPolls.page.trace')}
          </Text>
          <List size="sm">
            {outcome.trace.map((line, i) => (
              <List.Item key={i}>{line[language]}</List.Item>
            ))}
          </List>
        </Stack>
        <Text size="sm">{t('cabinetPolls.page.rule', { name: poll.rule.name })}</Text>
        {poll.rule.legalBasis.length ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t('cabinetPolls.page.legalBasis')}
            </Text>
            <List size="sm">
              {poll.rule.legalBasis.map((b, i) => (
                <List.Item key={i}>
                  {b.instrument}
                  {b.articles.length ? ` — ${b.articles.join(', ')}` : ''}
                  {b.verified ? '' : ` ${t('cabinetPolls.page.unverified')}`}
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

function receiptFiles(poll: PollDetail, m: PollMember) {
  const base = `bien-nhan-${poll.id.slice(0, 8)}-${m.logSeq ?? 'x'}`;
  return {
    json: () => download(`${base}.json`, m.receipt!.payload, 'application/json'),
    p7s: () => download(`${base}.json.p7s`, fromBase64(m.receipt!.signature), 'application/pkcs7-signature'),
  };
}

function Members({ poll }: { poll: PollDetail }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const dateTime = useDateTime();
  const closed = poll.state !== 'open';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="poll-members-heading">
      <Stack gap="sm">
        <Title id="poll-members-heading" order={2} size="h4">
          {t('cabinetPolls.page.members')}
        </Title>
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing="xs" data-testid="poll-members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cabinetPolls.page.member')}</Table.Th>
                <Table.Th>{t('cabinetPolls.page.choice')}</Table.Th>
                <Table.Th>{t('cabinetPolls.page.receiptNo')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {poll.members.map((m) => (
                <Table.Tr key={m.personId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {m.fullName}
                      {m.chair ? ` (${t('cabinetPolls.page.chair')})` : ''}
                    </Text>
                    {m.title ? (
                      <Text size="xs" c="dimmed">
                        {m.title}
                      </Text>
                    ) : null}
                    {m.recordedBy ? (
                      <Text size="xs" c="orange">
                        {t('cabinetPolls.page.recordedBy', {
                          name: m.recordedByName ?? '',
                          evidence: m.evidence ?? '',
                        })}
                        {m.ratified ? '' : ` — ${t('cabinetPolls.page.unratifiedMark')}`}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {!m.voted
                        ? closed
                          ? t('cabinetPolls.page.notVoted')
                          : '—'
                        : m.choice !== null
                          ? choiceLabel(poll.choices, m.choice, language)
                          : t('cabinetPolls.page.hiddenChoice')}
                    </Text>
                    {m.castAt ? (
                      <Text size="xs" c="dimmed">
                        {dateTime(m.castAt)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {m.receipt ? (
                      <Stack gap={2} data-testid="poll-member-receipt">
                        <Text size="sm">#{m.logSeq}</Text>
                        <Group gap={4} wrap="wrap">
                          <Button size="compact-xs" variant="subtle" onClick={receiptFiles(poll, m).json}>
                            {t('cabinetPolls.page.downloadReceipt')}
                          </Button>
                          <Button size="compact-xs" variant="subtle" onClick={receiptFiles(poll, m).p7s}>
                            .p7s
                          </Button>
                        </Group>
                      </Stack>
                    ) : m.logSeq !== null ? (
                      <Text size="sm">#{m.logSeq}</Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

function Evidence({ poll }: { poll: PollDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="poll-evidence-heading">
      <Stack gap="xs">
        <Title id="poll-evidence-heading" order={2} size="h4">
          {t('cabinetPolls.page.evidence')}
        </Title>
        {poll.paperHashes.length ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t('cabinetPolls.page.papers')}
            </Text>
            {poll.paperHashes.map((h) => (
              <Text key={h.versionId} size="xs" style={{ wordBreak: 'break-all' }}>
                {h.title}: <Code>{h.sha256}</Code>
              </Text>
            ))}
          </Stack>
        ) : null}
        <Text size="xs" style={{ wordBreak: 'break-all' }}>
          {t('cabinetPolls.page.rosterHash', { hash: poll.rosterHash })}
        </Text>
        {poll.checkpoint ? (
          <Text size="xs" style={{ wordBreak: 'break-all' }} data-testid="poll-checkpoint">
            {t('cabinetPolls.page.checkpoint', {
              size: poll.checkpoint.size,
              hash: poll.checkpoint.headHash,
            })}
          </Text>
        ) : null}
        {poll.state === 'closed' ? (
          <Anchor
            href={`${pollPath(poll.meetingId, poll.id)}/evidence`}
            download
            size="sm"
            fw={600}
            data-testid="poll-evidence-download"
          >
            {t('cabinetPolls.page.downloadBundle')}
          </Anchor>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('cabinetPolls.page.verifyHint', { id: poll.id })}
        </Text>
      </Stack>
    </Paper>
  );
}

function Ratify({ meetingId, poll }: { meetingId: string; poll: PollDetail }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const signer = useSigner();
  const prepare = usePrepareRatification(meetingId, poll.id);
  const ratify = useRatify(meetingId, poll.id);
  const [prepared, setPrepared] = useState<PreparedSignature | null>(null);
  return (
    <Alert color="orange" className="cpdt-wrap">
      <Stack gap="xs">
        <Text size="sm">{t('cabinetPolls.panel.needsRatification')}</Text>
        {prepare.isError ? <ErrorAlert error={prepare.error} /> : null}
        <Button
          w="fit-content"
          loading={prepare.isPending}
          onClick={() =>
            prepare.mutate({ certificateId: signer.certificateId ?? undefined }, { onSuccess: setPrepared })
          }
        >
          {t('cabinetPolls.panel.ratify')}
        </Button>
        {prepared ? (
          <SignDialog
            opened
            summary={prepared.summary[language]}
            payload={prepared.payload}
            payloadSha256={prepared.payloadSha256}
            toBeSigned={prepared.toBeSigned}
            certificateId={prepared.certificateId}
            submitting={ratify.isPending}
            error={ratify.error}
            onCancel={() => setPrepared(null)}
            onSigned={async ({ signature, certificateId }) => {
              await ratify.mutateAsync({
                payload: prepared.payload,
                toBeSigned: prepared.toBeSigned,
                signature,
                certificateId,
              });
              setPrepared(null);
            }}
          />
        ) : null}
      </Stack>
    </Alert>
  );
}
