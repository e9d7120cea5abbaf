import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useSession } from '../features/identity/session.js';
import { Icon } from './icons.js';
import { ADMIN_ITEMS, MODULE_ITEMS, type NavItem } from './navigation.js';

function matches(item: NavItem, pathname: string): boolean {
  return item.path === '/'
    ? pathname === '/'
    : pathname === item.path || pathname.startsWith(`${item.path}/`);
}

/** The most specific entry wins: /cabinet/tasks lights "Nhiệm vụ", not also "Họp Chính phủ". */
function isActive(item: NavItem, pathname: string): boolean {
  if (!matches(item, pathname)) return false;
  return ![...MODULE_ITEMS, ...ADMIN_ITEMS].some(
    (other) => other.path.length > item.path.length && matches(other, pathname),
  );
}

function NavEntry({ item }: { item: NavItem }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const active = isActive(item, pathname);
  return (
    <li>
      <NavLink
        component={Link}
        to={item.path}
        label={t(`nav.${item.key}`)}
        leftSection={<Icon name={item.icon} />}
        active={active}
        aria-current={active ? 'page' : undefined}
        variant="light"
        pl={item.sub ? 'xl' : undefined}
      />
    </li>
  );
}

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** Modules for everyone; the administration section only with at least one of its permissions. */
export function AppNavbar() {
  const { t } = useTranslation();
  const session = useSession();
  const adminItems = ADMIN_ITEMS.filter(
    (item) => item.permission && hasPermission(session.data, item.permission),
  );
  return (
    <ScrollArea type="auto" p="sm" className="cpdt-nav">
      <Stack gap="md">
        <ul style={listStyle}>
          {MODULE_ITEMS.map((item) => (
            <NavEntry key={item.key} item={item} />
          ))}
        </ul>
        {adminItems.length > 0 ? (
          <section aria-labelledby="nav-admin-heading">
            <Text
              id="nav-admin-heading"
              component="h2"
              size="xs"
              fw={700}
              tt="uppercase"
              c="dimmed"
              px="sm"
              mb={4}
            >
              {t('nav.admin')}
            </Text>
            <ul style={listStyle}>
              {adminItems.map((item) => (
                <NavEntry key={item.key} item={item} />
              ))}
            </ul>
          </section>
        ) : null}
      </Stack>
    </ScrollArea>
  );
}
