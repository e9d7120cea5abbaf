import { Checkbox, Group, NativeSelect, PasswordInput, Radio, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { useTextFields } from '../../../app/useTextFields.js';
import {
  PERSON_KINDS,
  REPRESENTATIVE_ROLES,
  useCreatePerson,
  type AgencyOption,
  type NewPerson,
  type PersonDetail,
  type PersonKind,
  type RepresentativeRole,
} from './people.api.js';
import { PersonAgencySelect } from './PersonAgencySelect.js';
import { useRoleName } from './PersonFormat.js';
import { useRoles } from './roles.api.js';

/** Roles every person of a kind gets anyway: not offered as extras. */
const KIND_ROLES = new Set<string>(PERSON_KINDS);

const EMPTY = {
  displayName: '',
  username: '',
  email: '',
  phone: '',
  password: '',
  position: '',
  personalId: '',
  birthDate: '',
  enterpriseCode: '',
  businessName: '',
};

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** "Thêm người dùng": one form whose fields follow the kind of person. */
export function PersonCreateModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (person: PersonDetail) => void;
}) {
  const { t } = useTranslation();
  const roles = useRoles();
  const roleName = useRoleName();
  const create = useCreatePerson();
  const [kind, setKind] = useState<PersonKind>('official');
  const { values: f, setValues: setF, field } = useTextFields(EMPTY);
  const [agency, setAgency] = useState<AgencyOption | null>(null);
  const [extraRoles, setExtraRoles] = useState<string[]>([]);
  const [repRole, setRepRole] = useState<RepresentativeRole>('legal');
  const close = () => {
    onClose();
    create.reset();
  };
  const submit = () => {
    const body: NewPerson = {
      kind,
      displayName: f.displayName,
      email: orNull(f.email),
      phone: orNull(f.phone),
      password: f.password === '' ? null : f.password,
      roles: extraRoles,
    };
    if (orNull(f.username)) body.username = f.username.trim();
    if (kind === 'official' && agency) body.posts = [{ agencyId: agency.id, position: orNull(f.position) }];
    if (kind === 'citizen') {
      body.personalId = orNull(f.personalId);
      body.birthDate = orNull(f.birthDate);
    }
    if (kind === 'business')
      body.business = { enterpriseCode: f.enterpriseCode, name: orNull(f.businessName), role: repRole };
    create.mutate(body, {
      onSuccess: (person) => {
        setF(EMPTY);
        setAgency(null);
        setExtraRoles([]);
        close();
        onCreated(person);
      },
    });
  };

  const offered = (roles.data?.items ?? []).filter((r) => !KIND_ROLES.has(r.code));
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('people.create.title')}
      size="lg"
      fullScreenOnPhone
      onSubmit={submit}
      error={create.error}
      cancelLabel={t('people.cancel')}
      actionLabel={t('people.create.submit')}
      pending={create.isPending}
    >
      <Radio.Group
        label={t('people.kind')}
        value={kind}
        onChange={(v) => setKind(PERSON_KINDS.find((k) => k === v) ?? 'official')}
      >
        <Group gap="md" mt="xs">
          {PERSON_KINDS.map((k) => (
            <Radio key={k} value={k} label={t(`people.kinds.${k}`)} />
          ))}
        </Group>
      </Radio.Group>
      <TextInput label={t('people.name')} required autoComplete="off" {...field('displayName')} />
      {kind === 'citizen' ? (
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t('people.create.personalId')}
            description={t('people.create.personalIdHint')}
            required
            inputMode="numeric"
            autoComplete="off"
            {...field('personalId')}
          />
          <TextInput type="date" label={t('people.create.birthDate')} {...field('birthDate')} />
        </SimpleGrid>
      ) : null}
      <TextInput
        label={t('people.username')}
        description={
          kind === 'citizen' ? t('people.create.usernameCitizenHint') : t('people.create.usernameHint')
        }
        required={kind !== 'citizen'}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        {...field('username')}
      />
      {kind === 'official' ? (
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <PersonAgencySelect label={t('people.create.agency')} value={agency} onChange={setAgency} />
          <TextInput label={t('people.create.position')} {...field('position')} />
        </SimpleGrid>
      ) : null}
      {kind === 'business' ? (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('people.create.enterpriseCode')}
              description={t('people.create.enterpriseCodeHint')}
              required
              autoComplete="off"
              {...field('enterpriseCode')}
            />
            <NativeSelect
              label={t('people.create.representativeRole')}
              value={repRole}
              onChange={(e) =>
                setRepRole(REPRESENTATIVE_ROLES.find((r) => r === e.currentTarget.value) ?? 'legal')
              }
              data={REPRESENTATIVE_ROLES.map((r) => ({
                value: r,
                label: t(`people.representativeRoles.${r}`),
              }))}
            />
          </SimpleGrid>
          <TextInput
            label={t('people.create.businessName')}
            description={t('people.create.businessNameHint')}
            {...field('businessName')}
          />
        </>
      ) : null}
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput type="email" label={t('people.email')} autoComplete="off" {...field('email')} />
        <TextInput type="tel" label={t('people.phone')} autoComplete="off" {...field('phone')} />
      </SimpleGrid>
      <PasswordInput
        label={t('people.create.password')}
        description={t('people.create.passwordHint')}
        autoComplete="new-password"
        {...field('password')}
      />
      {kind === 'official' && offered.length > 0 ? (
        <Checkbox.Group label={t('people.create.roles')} value={extraRoles} onChange={setExtraRoles}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="xs">
            {offered.map((r) => (
              <Checkbox key={r.code} value={r.code} label={roleName(r)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      ) : null}
    </FormModal>
  );
}
