import { Box, Button, Menu } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useActFor, useSession, useSignOut } from '../features/identity/session.js';
import { useLanguage } from '../i18n/index.js';
import { Icon } from './icons.js';

/** "Sign in" for visitors; the person's name with a sign-out menu once signed in. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const actFor = useActFor();
  const { language } = useLanguage();
  const navigate = useNavigate();
  if (session.isPending) return null;
  const person = session.data?.person;
  if (!person)
    return (
      <Button component={Link} to="/sign-in" size="compact-sm" variant="white">
        {t('user.signIn')}
      </Button>
    );
  const posts = session.data?.posts ?? [];
  const current = session.data?.agency?.id;
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
        <Menu.Item component={Link} to="/signing" leftSection={<Icon name="key" size={18} />}>
          {t('signing.title')}
        </Menu.Item>
        {posts.length > 1 ? (
          <>
            <Menu.Divider />
            <Menu.Label>{t('user.actFor')}</Menu.Label>
            {posts.map((post) => (
              <Menu.Item
                key={post.id}
                onClick={() => actFor.mutate(post.id)}
                aria-current={post.id === current ? 'true' : undefined}
                fw={post.id === current ? 700 : undefined}
                leftSection={<Icon name="agency" size={18} />}
              >
                {language === 'en' && post.nameEn ? post.nameEn : post.nameVi}
              </Menu.Item>
            ))}
          </>
        ) : null}
        <Menu.Divider />
        <Menu.Item leftSection={<Icon name="signOut" size={18} />} onClick={onSignOut}>
          {t('user.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
