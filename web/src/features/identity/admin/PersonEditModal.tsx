import { Checkbox, NativeSelect, PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { useTextFields } from '../../../app/useTextFields.js';
import { useUpdatePerson, type PersonChange, type PersonDetail } from './people.api.js';

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Edits the account and identity fields; only what changed is sent. */
export function PersonEditModal({
  person,
  opened,
  onClose,
  onSaved,
}: {
  person: PersonDetail;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdatePerson(person.id);
  const initial = {
    displayName: person.displayName,
    username: person.username,
    email: person.email ?? '',
    phone: person.phone ?? '',
    locale: person.locale === 'en' ? 'en' : 'vi',
    personalId: person.personalId ?? '',
    birthDate: person.birthDate ?? '',
    password: '',
  };
  const { values: f, setValues: setF, field } = useTextFields(initial);
  const [removePassword, setRemovePassword] = useState(false);
  const close = () => {
    setF(initial);
    setRemovePassword(false);
    update.reset();
    onClose();
  };
  const submit = () => {
    const change: PersonChange = {};
    if (f.displayName !== initial.displayName) change.displayName = f.displayName;
    if (f.username !== initial.username) change.username = f.username;
    if (f.email !== initial.email) change.email = orNull(f.email);
    if (f.phone !== initial.phone) change.phone = orNull(f.phone);
    if (f.locale !== initial.locale) change.locale = f.locale === 'en' ? 'en' : 'vi';
    if (f.personalId !== initial.personalId) change.personalId = orNull(f.personalId);
    if (f.birthDate !== initial.birthDate) change.birthDate = orNull(f.birthDate);
    if (removePassword) change.password = null;
    else if (f.password !== '') change.password = f.password;
    update.mutate(change, {
      onSuccess: () => {
        onClose();
        update.reset();
        setF((old) => ({ ...old, password: '' }));
        setRemovePassword(false);
        onSaved();
      },
    });
  };
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('people.detail.editTitle', { name: person.displayName })}
      size="lg"
      fullScreenOnPhone
      onSubmit={submit}
      error={update.error}
      cancelLabel={t('people.cancel')}
      actionLabel={t('people.save')}
      pending={update.isPending}
    >
      <TextInput label={t('people.name')} required {...field('displayName')} />
      <TextInput
        label={t('people.username')}
        description={t('people.create.usernameHint')}
        required
        autoCapitalize="none"
        spellCheck={false}
        {...field('username')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput type="email" label={t('people.email')} {...field('email')} />
        <TextInput type="tel" label={t('people.phone')} {...field('phone')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput
          label={t('people.detail.personalId')}
          description={t('people.create.personalIdHint')}
          inputMode="numeric"
          required={person.kind === 'citizen'}
          {...field('personalId')}
        />
        <TextInput type="date" label={t('people.detail.birthDate')} {...field('birthDate')} />
      </SimpleGrid>
      <NativeSelect
        label={t('people.detail.locale')}
        data={[
          { value: 'vi', label: t('people.detail.locales.vi') },
          { value: 'en', label: t('people.detail.locales.en') },
        ]}
        {...field('locale')}
      />
      <PasswordInput
        label={t('people.detail.newPassword')}
        description={t('people.detail.newPasswordHint')}
        autoComplete="new-password"
        disabled={removePassword}
        {...field('password')}
      />
      {person.hasPassword ? (
        <Checkbox
          label={t('people.detail.removePassword')}
          checked={removePassword}
          onChange={(e) => setRemovePassword(e.currentTarget.checked)}
        />
      ) : null}
    </FormModal>
  );
}
