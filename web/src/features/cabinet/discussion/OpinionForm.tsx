import { Badge, Button, Group, NativeSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../app/FormError.js';
import { useDateTime } from '../../../i18n/format.js';
import {
  OPINION_POSITIONS,
  useSaveOpinion,
  type ItemOpinions,
  type MemberRef,
  type Opinion,
  type OpinionPosition,
} from './discussion.api.js';

interface FormProps {
  meetingId: string;
  item: ItemOpinions;
  writeFor: (MemberRef & { self: boolean })[];
}

/**
 * A member's opinion on an item: a position and the text, saved as a draft or submitted. A secretary picks
 * the member they serve and only saves a draft, which the member then reviews and submits.
 */
export function OpinionForm({ meetingId, item, writeFor }: FormProps) {
  const { t } = useTranslation();
  const [memberId, setMemberId] = useState(
    writeFor.find((w) => w.self)?.memberId ?? writeFor[0]?.memberId ?? '',
  );
  // Kept here: saving refreshes the opinion, which gives the fields below a fresh form.
  const [saved, setSaved] = useState<string | null>(null);
  const member = writeFor.find((w) => w.memberId === memberId) ?? writeFor[0];
  if (!member) return null;
  const existing = item.mine.find((o) => o.memberId === member.memberId) ?? null;
  const onlySelf = writeFor.length === 1 && member.self;
  return (
    <Stack gap="xs">
      <Title order={4} size="h6">
        {member.self ? t('cabinetDiscussion.form.titleSelf') : t('cabinetDiscussion.form.titleFor')}
      </Title>
      {!onlySelf ? (
        <NativeSelect
          label={t('cabinetDiscussion.form.member')}
          value={member.memberId}
          onChange={(e) => {
            setMemberId(e.currentTarget.value);
            setSaved(null);
          }}
          data={writeFor.map((w) => ({
            value: w.memberId,
            label: w.self
              ? t('cabinetDiscussion.thread.self', { name: w.displayName ?? '' })
              : (w.displayName ?? w.memberId),
          }))}
        />
      ) : null}
      <OpinionFields
        // A fresh form per member and per saved version, so the fields show what is stored.
        key={`${member.memberId}:${existing?.updatedAt ?? ''}`}
        meetingId={meetingId}
        itemId={item.agendaItemId}
        member={member}
        existing={existing}
        onSaved={setSaved}
      />
      <div role="status">
        {saved ? (
          <Text size="sm" c="green.8">
            {saved}
          </Text>
        ) : null}
      </div>
    </Stack>
  );
}

function OpinionFields({
  meetingId,
  itemId,
  member,
  existing,
  onSaved,
}: {
  meetingId: string;
  itemId: string;
  member: MemberRef & { self: boolean };
  existing: Opinion | null;
  onSaved: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const when = useDateTime();
  const [position, setPosition] = useState<OpinionPosition>(existing?.position ?? 'agree');
  const [body, setBody] = useState(existing?.body ?? '');
  const save = useSaveOpinion(meetingId);
  const group = `opinion-${itemId}-${member.memberId}`;

  const run = (submit: boolean) => {
    onSaved(null);
    // Not mutate's own callback: the refreshed opinion remounts these fields before it would run.
    save
      .mutateAsync({ itemId, position, body, submit, ...(member.self ? {} : { memberId: member.memberId }) })
      .then(() =>
        onSaved(submit ? t('cabinetDiscussion.form.savedSubmitted') : t('cabinetDiscussion.form.savedDraft')),
      )
      .catch(() => undefined); // shown by FormError from the mutation's state
  };

  return (
    <Stack gap="xs">
      {existing ? (
        <Group gap="xs">
          {existing.state === 'submitted' ? (
            <Badge color="green" variant="light">
              {t('cabinetDiscussion.form.stateSubmitted', { when: when(existing.submittedAt) })}
            </Badge>
          ) : (
            <Badge color="yellow" variant="light" className="cpdt-wrap" style={{ height: 'auto' }}>
              {existing.draftedBy !== existing.memberId
                ? t('cabinetDiscussion.form.stateDraftBy', { name: existing.draftedByName ?? '' })
                : t('cabinetDiscussion.form.stateDraft')}
            </Badge>
          )}
        </Group>
      ) : null}
      <Radio.Group
        name={group}
        label={t('cabinetDiscussion.form.position')}
        value={position}
        onChange={(v) => setPosition(v)}
      >
        <Stack gap={6} mt={4}>
          {OPINION_POSITIONS.map((p) => (
            <Radio key={p} value={p} label={t(`cabinetDiscussion.positions.${p}`)} />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea
        label={t('cabinetDiscussion.form.body')}
        description={t('cabinetDiscussion.form.bodyHint')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={10}
        maxLength={5000}
      />
      {!member.self ? (
        <Text size="xs" c="dimmed">
          {t('cabinetDiscussion.form.secretaryNote')}
        </Text>
      ) : null}
      <FormError error={save.error} />
      <Group justify="flex-end" gap="sm">
        <Button
          variant="default"
          loading={save.isPending && !save.variables?.submit}
          onClick={() => run(false)}
        >
          {t('cabinetDiscussion.form.saveDraft')}
        </Button>
        {member.self ? (
          <Button loading={save.isPending && save.variables?.submit} onClick={() => run(true)}>
            {t('cabinetDiscussion.form.submit')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
