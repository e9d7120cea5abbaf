import { Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { useEditMinutes, type Minutes, type MinutesSection } from './followup.api.js';

/** Edits one section of the draft against the revision on screen (a stale one is refused by the server). */
export function SectionEditModal({
  minutes,
  section,
  onClose,
  notify,
}: {
  minutes: Minutes;
  section: MinutesSection;
  onClose: () => void;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const edit = useEditMinutes(minutes.meetingId);
  const [heading, setHeading] = useState(section.heading);
  const [body, setBody] = useState(section.body);
  const submit = () =>
    edit.mutate(
      { revision: minutes.revision, sections: [{ key: section.key, heading: heading.trim(), body }] },
      {
        onSuccess: () => {
          notify(t('cabinetFollowUp.minutes.saved', { heading: heading.trim() }));
          onClose();
        },
      },
    );
  return (
    <FormModal
      title={t('cabinetFollowUp.minutes.editTitle', { heading: section.heading })}
      onClose={onClose}
      onSubmit={submit}
      error={edit.error}
      cancelLabel={t('cabinetFollowUp.cancel')}
      actionLabel={t('cabinetFollowUp.save')}
      pending={edit.isPending}
      actionDisabled={!heading.trim()}
      size="xl"
      fullScreenOnPhone
    >
      <TextInput
        label={t('cabinetFollowUp.minutes.sectionHeading')}
        value={heading}
        onChange={(e) => setHeading(e.currentTarget.value)}
        maxLength={300}
        required
      />
      <Textarea
        label={t('cabinetFollowUp.minutes.sectionBody')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={8}
        maxLength={20000}
        data-autofocus
      />
    </FormModal>
  );
}
