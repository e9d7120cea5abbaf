import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader.js';
import { ADMIN_ITEMS, MODULE_ITEMS, type NavItem } from '../../app/navigation.js';
import { hasPermission, useSession } from '../identity/session.js';
import { HealthCard } from './HealthCard.js';
import { ModuleCard } from './ModuleCard.js';

type ModuleItem = NavItem & { key: 'cabinet' | 'exchange' | 'portal' };
const isModule = (item: NavItem): item is ModuleItem => item.key !== 'home' && !item.sub;

function SignInHint() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" bg="brand.0">
      <Stack gap="sm" align="flex-start">
        <Text>{t('home.signInHint')}</Text>
        <Button component={Link} to="/sign-in">
          {t('user.signIn')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Welcome, the modules and their state, and the system's health. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const person = session.data?.person;
  const firstAdminItem = ADMIN_ITEMS.find(
    (item) => item.permission && hasPermission(session.data, item.permission),
  );
  const modules = MODULE_ITEMS.filter(isModule);
  return (
    <Stack gap="lg">
      <PageHeader
        title={person ? t('home.greeting', { name: person.displayName }) : t('home.welcome')}
        intro={t('home.intro')}
      />
      {!session.isPending && !person ? <SignInHint /> : null}
      <section aria-labelledby="modules-heading">
        <Title order={2} size="h3" id="modules-heading" mb="sm">
          {t('home.modules')}
        </Title>
        <SimpleGrid
          cols={{ base: 1, sm: 2, lg: modules.length + (firstAdminItem ? 1 : 0) }}
          spacing="md"
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {modules.map((item) => (
            <ModuleCard
              key={item.key}
              title={t(`nav.${item.key}`)}
              description={t(`modules.${item.key}`)}
              to={item.path}
              icon={item.icon}
              built={item.built}
            />
          ))}
          {firstAdminItem ? (
            <ModuleCard
              title={t('nav.admin')}
              description={t('modules.admin')}
              to={firstAdminItem.path}
              icon="jobs"
              built
            />
          ) : null}
        </SimpleGrid>
      </section>
      <HealthCard />
    </Stack>
  );
}
