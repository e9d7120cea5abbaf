import { Badge, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useHealth } from './health.api.js';

const DATABASE_NAMES = { postgres: 'PostgreSQL', pglite: 'PGlite' } as const;

/** Whether the platform and its database answer, refreshed every half minute. */
export function HealthCard() {
  const { t } = useTranslation();
  const health = useHealth();
  const status = health.data?.status;
  const [color, label] =
    status === 'ok'
      ? ['green', t('home.healthOk')]
      : status === 'degraded'
        ? ['orange', t('home.healthDegraded')]
        : ['gray', health.isPending ? t('app.loading') : t('home.healthUnknown')];
  return (
    <Paper withBorder p="md" radius="md" aria-labelledby="health-heading" component="section">
      <Title order={2} size="h4" id="health-heading" mb="xs">
        {t('home.health')}
      </Title>
      <Group gap="sm" role="status">
        <Badge color={color} variant="light" size="lg">
          {label}
        </Badge>
        {health.data?.database ? (
          <Text size="sm" c="dimmed">
            {t('home.database', { kind: DATABASE_NAMES[health.data.database] })}
          </Text>
        ) : null}
      </Group>
    </Paper>
  );
}
