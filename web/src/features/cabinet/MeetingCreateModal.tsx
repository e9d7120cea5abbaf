import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { FormModal } from '../../app/FormModal.js';
import { useTextFields } from '../../app/useTextFields.js';
import { MEETING_KINDS, useBodies, useCreateMeeting, type Meeting, type MeetingKind } from './cabinet.api.js';
import { useCabinetFormat } from './useCabinetFormat.js';

/** A date-time box's `YYYY-MM-DDTHH:mm`, read as Vietnam time (UTC+7, no daylight saving), as ISO 8601. */
export const vietnamInstant = (local: string) => (local ? `${local}:00+07:00` : '');

const EMPTY = { bodyId: '', title: '', start: '', end: '', location: '', onlineUrl: '' };
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** "Tạo phiên họp": the office picks the body, names the meeting and sets its time and place. */
export function MeetingCreateModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (meeting: Meeting) => void;
}) {
  const { t } = useTranslation();
  const { bodyName } = useCabinetFormat();
  const bodies = useBodies(opened);
  const create = useCreateMeeting();
  const { values, field, setValues } = useTextFields(EMPTY);
  const [kind, setKind] = useState<MeetingKind>('regular');
  const options = bodies.data?.items ?? [];
  const bodyId = values.bodyId || options[0]?.id || '';
  const close = () => {
    create.reset();
    setValues(EMPTY);
    onClose();
  };
  const submit = () =>
    create.mutate(
      {
        bodyId,
        title: values.title.trim(),
        kind,
        plannedStart: vietnamInstant(values.start),
        plannedEnd: vietnamInstant(values.end),
        location: orNull(values.location),
        onlineUrl: orNull(values.onlineUrl),
      },
      {
        onSuccess: (meeting) => {
          setValues(EMPTY);
          onCreated(meeting);
        },
      },
    );
  return (
    <FormModal
      opened={opened}
      title={t('cabinet.create.button')}
      onClose={close}
      onSubmit={submit}
      error={create.error}
      pending={create.isPending}
      cancelLabel={t('cabinet.create.cancel')}
      actionLabel={t('cabinet.create.submit')}
      holdCancel
      size="lg"
      fullScreenOnPhone
    >
      {bodies.isError ? <ErrorAlert error={bodies.error} onRetry={() => void bodies.refetch()} /> : null}
      <NativeSelect
        label={t('cabinet.create.body')}
        required
        value={bodyId}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setValues((old) => ({ ...old, bodyId: value }));
        }}
        data={options.map((b) => ({ value: b.id, label: `${bodyName(b)} (${b.code})` }))}
        description={bodies.isSuccess && options.length === 0 ? t('cabinet.create.noBodies') : undefined}
      />
      <TextInput label={t('cabinet.create.title')} required maxLength={1000} {...field('title')} />
      <NativeSelect
        label={t('cabinet.create.kind')}
        value={kind}
        onChange={(e) => setKind(MEETING_KINDS.find((k) => k === e.currentTarget.value) ?? 'regular')}
        data={MEETING_KINDS.map((k) => ({ value: k, label: t(`cabinet.kinds.${k}`) }))}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput type="datetime-local" label={t('cabinet.create.start')} required {...field('start')} />
        <TextInput type="datetime-local" label={t('cabinet.create.end')} required {...field('end')} />
      </SimpleGrid>
      <TextInput label={t('cabinet.create.location')} maxLength={1000} {...field('location')} />
      <TextInput type="url" label={t('cabinet.create.onlineUrl')} maxLength={2000} {...field('onlineUrl')} />
    </FormModal>
  );
}
