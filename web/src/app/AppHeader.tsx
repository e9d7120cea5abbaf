import { Box, Burger, Group, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NotificationBell } from '../features/platform/NotificationBell.js';
import { useSession } from '../features/identity/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { UserMenu } from './UserMenu.js';

interface AppHeaderProps {
  navOpened: boolean;
  onToggleNav: () => void;
  navId: string;
}

/** Burger (phones), product name, then bell, language and account on the right. */
export function AppHeader({ navOpened, onToggleNav, navId }: AppHeaderProps) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Group
      h="100%"
      px={{ base: 'xs', sm: 'md' }}
      justify="space-between"
      wrap="nowrap"
      gap="xs"
      className="cpdt-header"
    >
      <Group gap="xs" wrap="nowrap" miw={0}>
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          color="white"
          aria-label={navOpened ? t('nav.closeMenu') : t('nav.openMenu')}
          aria-expanded={navOpened}
          aria-controls={navId}
        />
        <UnstyledButton component={Link} to="/" c="white" miw={0}>
          <Group gap={8} wrap="nowrap">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <Text component="span" fw={800} size="lg" c="white">
              {t('app.name')}
            </Text>
            <Box component="span" visibleFrom="md" c="white" fz="sm">
              {t('app.fullName')}
            </Box>
          </Group>
        </UnstyledButton>
      </Group>
      <Group gap="xs" wrap="nowrap">
        {/* Only a full session: one still owing its second factor may call nothing else. */}
        <NotificationBell signedIn={Boolean(session.data && session.data.pending === null)} />
        <LanguageSwitch />
        <UserMenu />
      </Group>
    </Group>
  );
}
