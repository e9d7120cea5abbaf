import { Badge, Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../../app/DetailList.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { usePersonAction, useUpdatePerson, type PersonDetail } from './people.api.js';
import { PersonConfirmButton } from './PersonConfirmButton.js';
import { PersonLockBadge, PersonStatusBadge, PersonUnlockButton } from './PersonLockState.js';
import { closeAndNotify, PersonSection, type Notify } from './PersonSection.js';

/** Account state and the administrator's help: unlock, reset MFA, end sessions, disable or enable. */
export function PersonSecuritySection({ person, notify }: { person: PersonDetail; notify: Notify }) {
  const { t } = useTranslation();
  const resetMfa = usePersonAction();
  const revoke = usePersonAction();
  const update = useUpdatePerson(person.id);
  const setUp = (yes: boolean) => (yes ? t('people.security.yes') : t('people.security.no'));
  return (
    <PersonSection title={t('people.security.title')}>
      <DetailList
        items={[
          { label: t('people.security.account'), value: <PersonStatusBadge person={person} /> },
          {
            label: t('people.security.lock'),
            value: person.lock.locked ? (
              <Group gap={6} component="span">
                <PersonLockBadge person={person} />
                <PersonUnlockButton
                  person={person}
                  onUnlocked={(name) => notify(t('people.unlocked', { name }))}
                />
              </Group>
            ) : (
              t('people.security.notLocked')
            ),
          },
          { label: t('people.security.failedAttempts'), value: String(person.lock.failedAttempts) },
          {
            label: t('people.security.mfa'),
            value: (
              <Badge
                variant="light"
                color={person.mfa.required ? 'orange' : 'gray'}
                style={{ textTransform: 'none' }}
              >
                {person.mfa.required ? t('people.security.required') : t('people.security.notRequired')}
              </Badge>
            ),
          },
          { label: t('people.security.totp'), value: setUp(person.mfa.totp) },
          { label: t('people.security.passkeys'), value: String(person.mfa.passkeys) },
          { label: t('people.security.recoveryCodes'), value: String(person.mfa.recoveryCodesLeft) },
        ]}
      />
      <Stack gap="xs">
        {update.isError && !person.active ? <ErrorAlert error={update.error} /> : null}
        <Group gap="sm">
          <PersonConfirmButton
            label={t('people.security.resetMfa')}
            question={t('people.security.resetMfaConfirm', { name: person.displayName })}
            loading={resetMfa.isPending}
            error={resetMfa.error}
            disabled={!person.mfa.totp && person.mfa.passkeys === 0 && person.mfa.recoveryCodesLeft === 0}
            onConfirm={(done) =>
              resetMfa.mutate(
                { id: person.id, action: 'reset-mfa' },
                closeAndNotify(done, notify, t('people.security.resetMfaDone')),
              )
            }
          />
          <PersonConfirmButton
            label={t('people.security.revokeSessions')}
            question={t('people.security.revokeSessionsConfirm', { name: person.displayName })}
            loading={revoke.isPending}
            error={revoke.error}
            onConfirm={(done) =>
              revoke.mutate(
                { id: person.id, action: 'revoke-sessions' },
                {
                  onSuccess: (result) => {
                    done();
                    const count = (result as { revoked?: number }).revoked ?? 0;
                    notify(t('people.security.revokeSessionsDone', { count }));
                  },
                },
              )
            }
          />
          {person.active ? (
            <PersonConfirmButton
              label={t('people.security.deactivate')}
              question={t('people.security.deactivateConfirm', { name: person.displayName })}
              color="red"
              loading={update.isPending}
              error={update.error}
              onConfirm={(done) =>
                update.mutate(
                  { active: false },
                  closeAndNotify(done, notify, t('people.security.deactivated')),
                )
              }
            />
          ) : (
            <Button
              size="xs"
              variant="outline"
              loading={update.isPending}
              onClick={() =>
                update.mutate({ active: true }, { onSuccess: () => notify(t('people.security.activated')) })
              }
            >
              {t('people.security.activate')}
            </Button>
          )}
        </Group>
      </Stack>
    </PersonSection>
  );
}
