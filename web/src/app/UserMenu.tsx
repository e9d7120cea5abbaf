import { Box, Button, Menu } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession, useSignOut } from '../features/identity/session.js';
import { Icon } from './icons.js';

/** "Sign in" for visitors; the person's name with a sign-out menu once signed in. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (session.isPending) return null;
  const person = session.data?.person;
  if (!person)
    return (
      <Button component={Link} to="/sign-in" size="compact-sm" variant="white">
        {t('user.signIn')}
      </Button>
    );
  const onSignOut = () => signOut.mutate(undefined, { onSuccess: () => void navigate('/') });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="compact-sm"
          variant="white"
          leftSection={<Icon name="user" size={18} />}
          aria-label={t('user.menu', { name: person.displayName })}
          styles={{ section: { margin: 0 } }}
        >
          <Box
            component="span"
            visibleFrom="sm"
            ml={6}
            maw={200}
            style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            {person.displayName}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('user.signedInAs', { name: person.displayName })}</Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<Icon name="user" size={18} />}>
          {t('user.profile')}
        </Menu.Item>
        <Menu.Item leftSection={<Icon name="signOut" size={18} />} onClick={onSignOut}>
          {t('user.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
