import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ConfirmModal } from '../../../app/ConfirmModal.js';
import { DetailList } from '../../../app/DetailList.js';
import { FormModal } from '../../../app/FormModal.js';
import { QueryView } from '../../../app/QueryView.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { useDateTime } from '../../../i18n/format.js';
import { useLanguage } from '../../../i18n/index.js';
import { SignDialog, useSigner } from '../../signing/index.js';
import { DispatchButton } from '../dispatch/DispatchButton.js';
import { SignedInOnly } from '../SignedInOnly.js';
import { BallotForm } from './BallotForm.js';
import {
  markOpened,
  paperUrl,
  prepareAnswer,
  resultUrl,
  useBallot,
  useBoard,
  useEditBallot,
  useRemovePaper,
  useSaveDraft,
  useStep,
  useSubmitAnswer,
  useUploadPaper,
  type Answer,
  type Ballot,
  type BallotChoice,
  type PreparedAnswer,
  type Response,
} from './ballots.api.js';
import { DeadlineText, StateBadge } from './BallotBadges.js';

/** /cabinet/ballots/:ballotId — papers, questions; answer and sign; the office's workflow, board and result. */
export function BallotPage() {
  return (
    <SignedInOnly>
      <BallotView />
    </SignedInOnly>
  );
}

function BallotView() {
  const { ballotId = '' } = useParams();
  const ballot = useBallot(ballotId);
  return <QueryView query={ballot}>{(b) => <BallotDetail ballot={b} />}</QueryView>;
}

function BallotDetail({ ballot: b }: { ballot: Ballot }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [notice, setNotice] = useState<string | null>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || b.state !== 'open' || !b.mine.some((m) => m.mySelf && !m.openedAt)) return;
    opened.current = true;
    void markOpened(b.id).catch(() => undefined);
  }, [b.id, b.state, b.mine]);

  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={b.title} actions={<StateBadge state={b.state} />} />
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      <DetailList
        items={[
          { label: t('cabinetBallots.detail.body'), value: b.body.name },
          {
            label: t('cabinetBallots.detail.reference'),
            value: b.reference ?? t('cabinetBallots.noReference'),
          },
          ...(b.deadline
            ? [
                {
                  label: t('cabinetBallots.detail.deadline'),
                  value:
                    b.state === 'open' ? (
                      <DeadlineText deadline={b.deadline} serverNow={b.now} bare />
                    ) : (
                      dateTime(b.deadline)
                    ),
                },
              ]
            : []),
          ...(b.originalDeadline
            ? [{ label: t('cabinetBallots.detail.originalDeadline'), value: dateTime(b.originalDeadline) }]
            : []),
          ...(b.createdBy
            ? [{ label: t('cabinetBallots.detail.createdBy'), value: b.createdBy.displayName }]
            : []),
          ...(b.approvedBy
            ? [{ label: t('cabinetBallots.detail.approvedBy'), value: b.approvedBy.displayName }]
            : []),
          ...(b.ruleProfile
            ? [
                {
                  label: t('cabinetBallots.detail.rules'),
                  value: `${b.ruleProfile.name} — ${t(`cabinetBallots.detail.nonResponse.${b.ruleProfile.ballotNonResponse}`)}`,
                },
              ]
            : []),
        ]}
      />
      {b.recalledReason ? (
        <Alert color="orange">
          {t('cabinetBallots.detail.recalledReason', { reason: b.recalledReason })}
        </Alert>
      ) : null}
      <OfficeActions ballot={b} onDone={setNotice} />
      {b.summary ? (
        <section>
          <Title order={2} size="h4" mb="xs">
            {t('cabinetBallots.detail.summary')}
          </Title>
          <Text className="cpdt-wrap" style={{ whiteSpace: 'pre-line' }}>
            {b.summary}
          </Text>
        </section>
      ) : null}
      <Papers ballot={b} />
      <section>
        <Title order={2} size="h4" mb="xs">
          {t('cabinetBallots.detail.questions')}
        </Title>
        <List type="ordered" spacing="xs">
          {b.questions.map((q) => (
            <List.Item key={q.id}>
              <Text className="cpdt-wrap">{q.text}</Text>
              {q.options.length ? (
                <Text size="sm" c="dimmed">
                  {t('cabinetBallots.detail.options', { options: q.options.map((o) => o.label).join('; ') })}
                </Text>
              ) : null}
            </List.Item>
          ))}
        </List>
      </section>
      {b.mine.map((r) => (
        <AnswerPanel key={r.personId} ballot={b} response={r} onDone={setNotice} />
      ))}
      {b.state === 'closed' && b.outcome ? <Result ballot={b} /> : null}
      {b.may.board ? <Board ballot={b} /> : null}
    </Stack>
  );
}

function Papers({ ballot: b }: { ballot: Ballot }) {
  const { t } = useTranslation();
  const upload = useUploadPaper(b.id);
  const remove = useRemovePaper(b.id);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  return (
    <section>
      <Title order={2} size="h4" mb="xs">
        {t('cabinetBallots.detail.papers')}
      </Title>
      {b.papers.length ? (
        <List spacing="xs">
          {b.papers.map((p) => (
            <List.Item key={p.id}>
              <Group gap="xs" wrap="wrap">
                <Anchor href={paperUrl(b.id, p.id)} className="cpdt-wrap">
                  {p.title}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  SHA-256 {p.sha256.slice(0, 16)}…
                </Text>
                {b.may.edit ? (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('cabinetBallots.detail.removePaper', { title: p.title })}
                    onClick={() => remove.mutate(p.id)}
                  >
                    ×
                  </Button>
                ) : null}
              </Group>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text c="dimmed">{t('cabinetBallots.detail.noPapers')}</Text>
      )}
      {b.may.edit ? (
        <Stack gap="xs" mt="sm" maw={480}>
          <TextInput
            label={t('cabinetBallots.detail.paperTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <FileInput
            label={t('cabinetBallots.detail.upload')}
            value={file}
            onChange={setFile}
            accept="application/pdf,.docx,image/png,image/jpeg"
          />
          <Group>
            <Button
              disabled={!file}
              loading={upload.isPending}
              onClick={() =>
                file &&
                upload.mutate(
                  { file, title },
                  {
                    onSuccess: () => {
                      setFile(null);
                      setTitle('');
                    },
                  },
                )
              }
            >
              {t('cabinetBallots.detail.upload')}
            </Button>
          </Group>
          {upload.error ? <Text c="red.8">{upload.error.message}</Text> : null}
        </Stack>
      ) : null}
    </section>
  );
}

type Dialog = 'edit' | 'send' | 'extend' | 'recall' | 'cancel' | 'close' | 'return' | null;

function OfficeActions({ ballot: b, onDone }: { ballot: Ballot; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [text, setText] = useState('');
  const submit = useStep(b.id, 'submit');
  const approve = useStep(b.id, 'approve');
  const ret = useStep(b.id, 'return');
  const send = useStep(b.id, 'send');
  const extend = useStep(b.id, 'extend');
  const recall = useStep(b.id, 'recall');
  const cancel = useStep(b.id, 'cancel');
  const close = useStep(b.id, 'close');
  const edit = useEditBallot(b.id);
  const done = () => {
    setDialog(null);
    setText('');
    onDone(t('cabinetBallots.actions.done'));
  };
  const open = (d: Dialog) => {
    setText('');
    setDialog(d);
  };
  const any = Object.entries(b.may).some(([k, v]) => v && k !== 'board') || b.hasResult;
  if (!any) return null;
  return (
    <Paper withBorder p="sm" radius="md">
      <Group gap="sm" wrap="wrap">
        {b.may.edit ? (
          <Button variant="default" onClick={() => open('edit')}>
            {t('cabinetBallots.actions.edit')}
          </Button>
        ) : null}
        {b.may.submit ? (
          <Button
            loading={submit.isPending}
            onClick={() => submit.mutate({ revision: b.revision }, { onSuccess: done })}
          >
            {t('cabinetBallots.actions.submit')}
          </Button>
        ) : null}
        {b.may.approve ? (
          <>
            <Button
              color="green"
              loading={approve.isPending}
              onClick={() => approve.mutate({ revision: b.revision }, { onSuccess: done })}
            >
              {t('cabinetBallots.actions.approve')}
            </Button>
            <Button variant="default" onClick={() => open('return')}>
              {t('cabinetBallots.actions.return')}
            </Button>
          </>
        ) : null}
        {b.may.send ? <Button onClick={() => open('send')}>{t('cabinetBallots.actions.send')}</Button> : null}
        {b.may.extend ? (
          <Button variant="default" onClick={() => open('extend')}>
            {t('cabinetBallots.actions.extend')}
          </Button>
        ) : null}
        {b.may.close ? (
          <Button onClick={() => open('close')}>{t('cabinetBallots.actions.close')}</Button>
        ) : null}
        {b.may.recall ? (
          <Button variant="default" color="orange" onClick={() => open('recall')}>
            {t('cabinetBallots.actions.recall')}
          </Button>
        ) : null}
        {b.may.cancel ? (
          <Button variant="subtle" color="red" onClick={() => open('cancel')}>
            {t('cabinetBallots.actions.cancel')}
          </Button>
        ) : null}
        {b.hasResult ? (
          <Button component="a" href={resultUrl(b.id)} variant="light">
            {t('cabinetBallots.actions.result')}
          </Button>
        ) : null}
        {b.state === 'closed' && b.hasResult ? <DispatchButton kind="ballot" id={b.id} /> : null}
      </Group>
      {[submit, approve].map((m, i) =>
        m.error ? (
          <Text key={i} c="red.8" mt="xs">
            {m.error.message}
          </Text>
        ) : null,
      )}
      {dialog === 'edit' ? (
        <BallotForm
          title={t('cabinetBallots.form.editTitle')}
          initial={b}
          pending={edit.isPending}
          error={edit.error}
          onClose={() => setDialog(null)}
          onSubmit={(input) => edit.mutate({ ...input, revision: b.revision }, { onSuccess: done })}
        />
      ) : null}
      {dialog === 'send' || dialog === 'extend' || dialog === 'recall' || dialog === 'return' ? (
        <FormModal
          title={t(
            dialog === 'send'
              ? 'cabinetBallots.actions.sendTitle'
              : dialog === 'extend'
                ? 'cabinetBallots.actions.extendTitle'
                : dialog === 'recall'
                  ? 'cabinetBallots.actions.recallTitle'
                  : 'cabinetBallots.actions.return',
          )}
          onClose={() => setDialog(null)}
          cancelLabel={t('cabinetBallots.actions.back')}
          actionLabel={t(
            dialog === 'send'
              ? 'cabinetBallots.actions.send'
              : dialog === 'extend'
                ? 'cabinetBallots.actions.extend'
                : dialog === 'recall'
                  ? 'cabinetBallots.actions.recall'
                  : 'cabinetBallots.actions.return',
          )}
          pending={send.isPending || extend.isPending || recall.isPending || ret.isPending}
          error={
            dialog === 'send'
              ? send.error
              : dialog === 'extend'
                ? extend.error
                : dialog === 'recall'
                  ? recall.error
                  : ret.error
          }
          onSubmit={() => {
            if (dialog === 'send')
              send.mutate({ revision: b.revision, reference: text }, { onSuccess: done });
            else if (dialog === 'extend')
              extend.mutate({ revision: b.revision, deadline: text }, { onSuccess: done });
            else if (dialog === 'recall')
              recall.mutate({ revision: b.revision, reason: text }, { onSuccess: done });
            else ret.mutate({ revision: b.revision, note: text }, { onSuccess: done });
          }}
        >
          {dialog === 'send' ? <Text size="sm">{t('cabinetBallots.actions.sendIntro')}</Text> : null}
          {dialog === 'extend' ? (
            <TextInput
              type="date"
              label={t('cabinetBallots.actions.newDeadline')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              required
            />
          ) : dialog === 'send' ? (
            <TextInput
              label={t('cabinetBallots.actions.reference')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              required
              data-autofocus
            />
          ) : (
            <Textarea
              label={t('cabinetBallots.actions.reason')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              required={dialog === 'recall'}
              autosize
              minRows={2}
            />
          )}
        </FormModal>
      ) : null}
      <ConfirmModal
        opened={dialog === 'cancel' || dialog === 'close'}
        title={t(dialog === 'cancel' ? 'cabinetBallots.actions.cancel' : 'cabinetBallots.actions.close')}
        onClose={() => setDialog(null)}
        cancelLabel={t('cabinetBallots.actions.back')}
        actionLabel={t(
          dialog === 'cancel' ? 'cabinetBallots.actions.cancel' : 'cabinetBallots.actions.close',
        )}
        actionColor={dialog === 'cancel' ? 'red' : undefined}
        pending={cancel.isPending || close.isPending}
        error={dialog === 'cancel' ? cancel.error : close.error}
        onConfirm={() =>
          (dialog === 'cancel' ? cancel : close).mutate({ revision: b.revision }, { onSuccess: done })
        }
      >
        <Text>
          {t(
            dialog === 'cancel'
              ? 'cabinetBallots.actions.cancelConfirm'
              : 'cabinetBallots.actions.closeConfirm',
          )}
        </Text>
      </ConfirmModal>
    </Paper>
  );
}

const CHOICES: BallotChoice[] = ['agree', 'other_opinion', 'other_option'];

/** One member's answer: the member answers and signs; their secretary drafts ("Thư ký X soạn thay"). */
function AnswerPanel({
  ballot: b,
  response: r,
  onDone,
}: {
  ballot: Ballot;
  response: Response;
  onDone: (m: string) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const dateTime = useDateTime();
  const signer = useSigner();
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries((r.draft ?? []).map((a) => [a.questionId, a])),
  );
  const [prepared, setPrepared] = useState<PreparedAnswer | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [prepareError, setPrepareError] = useState<unknown>(null);
  const save = useSaveDraft(b.id);
  const submit = useSubmitAnswer(b.id);
  const heading = r.mySelf
    ? t('cabinetBallots.answer.mine')
    : t('cabinetBallots.answer.forMember', { name: r.fullName });
  const answerable = b.state === 'open' && (r.state === 'pending' || r.state === 'drafted') && !r.overdue;
  const list = b.questions.map((q) => answers[q.id]).filter((a): a is Answer => Boolean(a));
  const complete =
    list.length === b.questions.length &&
    list.every((a) =>
      a.choice === 'other_opinion'
        ? Boolean(a.text?.trim())
        : a.choice === 'other_option'
          ? Boolean(a.optionId)
          : true,
    );
  const set = (questionId: string, change: Partial<Answer>) =>
    setAnswers((all) => ({
      ...all,
      [questionId]: {
        ...(all[questionId] ?? { questionId, choice: 'agree' }),
        ...change,
        questionId,
      },
    }));
  const clean = (): Answer[] =>
    list.map((a) => ({
      questionId: a.questionId,
      choice: a.choice,
      ...(a.choice === 'other_option' && a.optionId ? { optionId: a.optionId } : {}),
      ...(a.text?.trim() ? { text: a.text.trim() } : {}),
    }));

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={heading}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {heading}
          </Title>
          <Badge color={r.state === 'signed' ? 'green' : r.overdue ? 'red' : 'gray'} variant="light">
            {r.overdue ? t('cabinetBallots.overdue') : t(`cabinetBallots.responseStates.${r.state}`)}
          </Badge>
        </Group>
        {r.draftedBy && r.state === 'drafted' ? (
          <Text size="sm" c="dimmed">
            {r.draftedBy.id === r.personId
              ? t('cabinetBallots.answer.draftedBySelf', { time: dateTime(r.draftedAt) })
              : t('cabinetBallots.answer.draftedBy', {
                  name: r.draftedBy.displayName,
                  time: dateTime(r.draftedAt),
                })}
          </Text>
        ) : null}
        {r.state === 'signed' ? (
          <>
            <Text>{t('cabinetBallots.answer.signed', { time: dateTime(r.signedAt) })}</Text>
            <AnswerList ballot={b} answers={r.answers ?? []} />
            {r.receipt ? <Receipt payload={r.receipt.payload} /> : null}
          </>
        ) : r.state === 'deemed' ? (
          <Text>{t('cabinetBallots.answer.deemed')}</Text>
        ) : !answerable ? (
          <Text c="red.8">{t('cabinetBallots.answer.overdue')}</Text>
        ) : (
          <>
            {!r.mySelf ? <Text size="sm">{t('cabinetBallots.answer.secretaryNote')}</Text> : null}
            {b.questions.map((q, i) => {
              const a = answers[q.id];
              return (
                <Stack key={q.id} gap={6}>
                  <Radio.Group
                    label={`${i + 1}. ${q.text}`}
                    value={a?.choice ?? ''}
                    onChange={(v) => set(q.id, { choice: v as BallotChoice })}
                  >
                    <Group gap="md" mt={4} wrap="wrap">
                      {CHOICES.filter((c) => c !== 'other_option' || q.options.length > 0).map((c) => (
                        <Radio key={c} value={c} label={t(`cabinetBallots.choices.${c}`)} />
                      ))}
                    </Group>
                  </Radio.Group>
                  {a?.choice === 'other_option' ? (
                    <Select
                      label={t('cabinetBallots.answer.option')}
                      data={q.options.map((o) => ({ value: o.id, label: o.label }))}
                      value={a.optionId ?? null}
                      onChange={(v) => set(q.id, { optionId: v ?? undefined })}
                    />
                  ) : null}
                  {a ? (
                    <Textarea
                      label={
                        a.choice === 'other_opinion'
                          ? t('cabinetBallots.answer.text')
                          : t('cabinetBallots.answer.textOptional')
                      }
                      value={a.text ?? ''}
                      onChange={(e) => set(q.id, { text: e.currentTarget.value })}
                      required={a.choice === 'other_opinion'}
                      autosize
                      minRows={1}
                    />
                  ) : null}
                </Stack>
              );
            })}
            {save.error ? <Text c="red.8">{save.error.message}</Text> : null}
            {prepareError ? <Text c="red.8">{(prepareError as Error).message}</Text> : null}
            <Group gap="sm" wrap="wrap">
              <Button
                variant="default"
                loading={save.isPending}
                onClick={() =>
                  save.mutate(
                    { personId: r.personId, answers: clean() },
                    { onSuccess: () => onDone(t('cabinetBallots.actions.done')) },
                  )
                }
              >
                {t('cabinetBallots.answer.saveDraft')}
              </Button>
              {r.mySelf ? (
                <Button
                  disabled={!complete}
                  loading={preparing}
                  onClick={() => {
                    setPreparing(true);
                    setPrepareError(null);
                    prepareAnswer(b.id, {
                      answers: clean(),
                      ...(signer.certificateId ? { certificateId: signer.certificateId } : {}),
                    })
                      .then(setPrepared)
                      .catch(setPrepareError)
                      .finally(() => setPreparing(false));
                  }}
                >
                  {t('cabinetBallots.answer.sign')}
                </Button>
              ) : null}
            </Group>
            {r.mySelf && !complete ? (
              <Text size="sm" c="dimmed">
                {t('cabinetBallots.answer.incomplete')}
              </Text>
            ) : null}
          </>
        )}
      </Stack>
      {prepared ? (
        <SignDialog
          opened
          summary={language === 'en' ? prepared.summary.en : prepared.summary.vi}
          payload={prepared.payload}
          payloadSha256={prepared.payloadSha256}
          toBeSigned={prepared.toBeSigned}
          certificateId={prepared.certificateId}
          submitting={submit.isPending}
          error={submit.error}
          onCancel={() => setPrepared(null)}
          onSigned={async ({ signature, certificateId }) => {
            await submit.mutateAsync({
              payload: prepared.payload,
              toBeSigned: prepared.toBeSigned,
              signature,
              certificateId,
            });
            setPrepared(null);
            onDone(t('cabinetBallots.answer.sentOk'));
          }}
        />
      ) : null}
    </Paper>
  );
}

function Receipt({ payload }: { payload: string }) {
  const { t } = useTranslation();
  let parsed: { logSeq?: number; payloadSha256?: string } = {};
  try {
    parsed = JSON.parse(payload) as typeof parsed;
  } catch {
    // shown without details
  }
  return (
    <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
      {t('cabinetBallots.answer.receipt', { seq: parsed.logSeq ?? '—', hash: parsed.payloadSha256 ?? '' })}
    </Text>
  );
}

function AnswerList({ ballot: b, answers }: { ballot: Ballot; answers: Answer[] }) {
  const { t } = useTranslation();
  return (
    <List type="ordered" spacing={4}>
      {b.questions.map((q) => {
        const a = answers.find((x) => x.questionId === q.id);
        const option = a?.optionId ? q.options.find((o) => o.id === a.optionId)?.label : undefined;
        return (
          <List.Item key={q.id}>
            <Text size="sm" className="cpdt-wrap">
              {a ? t(`cabinetBallots.choices.${a.choice}`) : '—'}
              {option ? ` — ${option}` : ''}
              {a?.text ? `: ${a.text}` : ''}
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}

function Board({ ballot: b }: { ballot: Ballot }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const board = useBoard(b.id, b.may.board);
  const mark = (v: string | null) => (v ? dateTime(v) : t('cabinetBallots.board.no'));
  return (
    <section aria-label={t('cabinetBallots.board.title')}>
      <Title order={2} size="h4" mb="xs">
        {t('cabinetBallots.board.title')}
      </Title>
      <QueryView query={board}>
        {({ items }) => (
          <Stack
            component="ul"
            gap="xs"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('cabinetBallots.board.title')}
          >
            {items.map((r) => (
              <Paper key={r.personId} component="li" withBorder p="sm" radius="md" data-member={r.fullName}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Text fw={600} className="cpdt-wrap">
                    {r.fullName}
                    {r.title ? ` — ${r.title}` : ''}
                  </Text>
                  <Group gap={4}>
                    <Badge
                      variant="light"
                      color={r.state === 'signed' ? 'green' : r.deemed ? 'teal' : r.overdue ? 'red' : 'gray'}
                    >
                      {r.deemed
                        ? t('cabinetBallots.board.deemed')
                        : t(`cabinetBallots.responseStates.${r.state}`)}
                    </Badge>
                    {r.overdue ? (
                      <Badge color="red" variant="filled">
                        {t('cabinetBallots.board.overdue')}
                      </Badge>
                    ) : null}
                  </Group>
                </Group>
                <Text size="sm">
                  {t('cabinetBallots.board.delivered')}: {mark(r.deliveredAt)} ·{' '}
                  {t('cabinetBallots.board.opened')}: {mark(r.openedAt)}
                </Text>
                <Text size="sm">
                  {t('cabinetBallots.board.drafted')}:{' '}
                  {r.draftedBy
                    ? `${r.draftedBy.displayName} (${dateTime(r.draftedAt)})`
                    : t('cabinetBallots.board.no')}{' '}
                  · {t('cabinetBallots.board.signed')}: {mark(r.signedAt)}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
      </QueryView>
    </section>
  );
}

function Result({ ballot: b }: { ballot: Ballot }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <section>
      <Title order={2} size="h4" mb="xs">
        {t('cabinetBallots.result.title')}
      </Title>
      <Stack gap="sm">
        {b.questions.map((q, i) => {
          const o = b.outcome?.[q.id];
          if (!o) return null;
          const passed = o.result === 'passed' || o.result === 'passed_by_tie_break';
          return (
            <Paper key={q.id} withBorder p="sm" radius="md">
              <Text fw={600} className="cpdt-wrap">
                {t('cabinetBallots.result.question', { n: i + 1 })}. {q.text}
              </Text>
              <Badge color={passed ? 'green' : 'red'} variant="light" mt={4}>
                {t(`cabinetBallots.result.results.${o.result}`)}
              </Badge>
              <Text size="sm" mt={4}>
                {t('cabinetBallots.result.counts', {
                  agree: o.counts['agree'] ?? 0,
                  opinion: o.counts['other_opinion'] ?? 0,
                  option: o.counts['other_option'] ?? 0,
                  missing: o.missing,
                })}{' '}
                {o.deemed ? t('cabinetBallots.result.deemed', { count: o.deemed }) : ''}
              </Text>
              <Text size="sm">{t('cabinetBallots.result.needed', { needed: o.needed, base: o.base })}</Text>
              {o.trace.map((line, k) => (
                <Text key={k} size="xs" c="dimmed">
                  {language === 'en' ? line.en : line.vi}
                </Text>
              ))}
            </Paper>
          );
        })}
        {b.ruleProfile?.legalBasis.map((l, k) => (
          <Text key={k} size="xs" c="dimmed" className="cpdt-wrap">
            {l}
          </Text>
        ))}
      </Stack>
    </section>
  );
}
