import { Checkbox, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { useAddPost, type AgencyOption } from './people.api.js';
import { PersonAgencySelect } from './PersonAgencySelect.js';
import { closeAndNotify, type PersonDialogProps } from './PersonSection.js';

/** A new post for an official: the agency, the position in both languages, and whether it is the main one. */
export function PersonPostModal({ person, onClose, notify }: PersonDialogProps) {
  const { t } = useTranslation();
  const addPost = useAddPost(person.id);
  const [agency, setAgency] = useState<AgencyOption | null>(null);
  const [position, setPosition] = useState('');
  const [positionEn, setPositionEn] = useState('');
  const [main, setMain] = useState(person.posts.length === 0);
  const submit = () => {
    if (!agency) return;
    addPost.mutate(
      { agencyId: agency.id, position: position.trim() || null, positionEn: positionEn.trim() || null, main },
      closeAndNotify(onClose, notify, t('people.saved')),
    );
  };
  return (
    <FormModal
      title={t('people.posts.addTitle')}
      onClose={onClose}
      onSubmit={submit}
      error={addPost.error}
      cancelLabel={t('people.cancel')}
      actionLabel={t('people.save')}
      pending={addPost.isPending}
      actionDisabled={!agency}
    >
      <PersonAgencySelect label={t('people.agency')} value={agency} onChange={setAgency} required />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput
          label={t('people.posts.position')}
          value={position}
          onChange={(e) => setPosition(e.currentTarget.value)}
        />
        <TextInput
          label={t('people.posts.positionEn')}
          value={positionEn}
          onChange={(e) => setPositionEn(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Checkbox
        label={t('people.posts.makeMainOption')}
        checked={main}
        onChange={(e) => setMain(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
