import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import type { BallotInput, Question } from './ballots.api.js';

interface DraftQuestion {
  id?: string;
  text: string;
  /** One option per line. */
  options: string;
  optionIds: string[];
}

const toDraft = (q: Question): DraftQuestion => ({
  id: q.id,
  text: q.text,
  options: q.options.map((o) => o.label).join('\n'),
  optionIds: q.options.map((o) => o.id),
});

/** The office's form for a ballot: the body (new ballots), the matter, questions with their options, days to answer. */
export function BallotForm({
  title,
  initial,
  bodies,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  title: string;
  initial?: { title: string; summary: string; questions: Question[]; answerDays: number };
  bodies?: { value: string; label: string }[];
  pending: boolean;
  error: unknown;
  onSubmit: (input: BallotInput & { bodyId?: string }) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [bodyId, setBodyId] = useState<string | null>(bodies?.[0]?.value ?? null);
  const [name, setName] = useState(initial?.title ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [days, setDays] = useState<number>(initial?.answerDays ?? 3);
  const [questions, setQuestions] = useState<DraftQuestion[]>(
    initial?.questions.map(toDraft) ?? [{ text: '', options: '', optionIds: [] }],
  );
  const update = (i: number, change: Partial<DraftQuestion>) =>
    setQuestions((qs) => qs.map((q, k) => (k === i ? { ...q, ...change } : q)));

  return (
    <FormModal
      title={title}
      onClose={onClose}
      size="lg"
      fullScreenOnPhone
      cancelLabel={t('cabinetBallots.form.cancel')}
      actionLabel={t('cabinetBallots.form.save')}
      pending={pending}
      error={error}
      focusError
      onSubmit={() =>
        onSubmit({
          ...(bodies ? { bodyId: bodyId ?? '' } : {}),
          title: name,
          summary,
          answerDays: days,
          questions: questions.map((q) => ({
            ...(q.id ? { id: q.id } : {}),
            text: q.text,
            options: q.options
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
              .map((label, k) => ({ ...(q.optionIds[k] ? { id: q.optionIds[k] } : {}), label })),
          })),
        })
      }
    >
      {bodies ? (
        <Select
          label={t('cabinetBallots.form.body')}
          data={bodies}
          value={bodyId}
          onChange={setBodyId}
          allowDeselect={false}
          required
        />
      ) : null}
      <TextInput
        label={t('cabinetBallots.form.ballotTitle')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
        maxLength={500}
      />
      <Textarea
        label={t('cabinetBallots.form.summary')}
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        autosize
        minRows={3}
      />
      <NumberInput
        label={t('cabinetBallots.form.answerDays')}
        description={t('cabinetBallots.form.answerDaysHint')}
        value={days}
        onChange={(v) => setDays(typeof v === 'number' ? v : Number(v) || 0)}
        min={1}
        max={30}
        required
      />
      {questions.map((q, i) => (
        <Stack
          key={i}
          gap="xs"
          p="sm"
          style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
        >
          <Group justify="space-between">
            <Text fw={600}>{t('cabinetBallots.form.question', { n: i + 1 })}</Text>
            {questions.length > 1 ? (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('cabinetBallots.form.removeQuestion', { n: i + 1 })}
                onClick={() => setQuestions((qs) => qs.filter((_, k) => k !== i))}
              >
                ×
              </ActionIcon>
            ) : null}
          </Group>
          <Textarea
            label={t('cabinetBallots.form.questionText', { n: i + 1 })}
            value={q.text}
            onChange={(e) => update(i, { text: e.currentTarget.value })}
            autosize
            minRows={2}
            required
          />
          <Textarea
            label={t('cabinetBallots.form.options')}
            value={q.options}
            onChange={(e) => update(i, { options: e.currentTarget.value })}
            autosize
            minRows={1}
          />
        </Stack>
      ))}
      <Button
        variant="light"
        onClick={() => setQuestions((qs) => [...qs, { text: '', options: '', optionIds: [] }])}
      >
        {t('cabinetBallots.form.addQuestion')}
      </Button>
    </FormModal>
  );
}
