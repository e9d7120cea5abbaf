import { Anchor, Badge, Card, Group, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../app/icons.js';

interface ModuleCardProps {
  title: string;
  description: string;
  to: string;
  icon: IconName;
  built: boolean;
}

/** One module on the home page: what it does, whether it works yet, and the way in. */
export function ModuleCard({ title, description, to, icon, built }: ModuleCardProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Group gap="sm" wrap="nowrap" align="flex-start" mb="xs">
        <ThemeIcon variant="light" size="lg" radius="md">
          <Icon name={icon} />
        </ThemeIcon>
        <Title order={3} size="h4">
          <Anchor component={Link} to={to} c="inherit">
            {title}
          </Anchor>
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {description}
      </Text>
      <Badge color={built ? 'green' : 'yellow'} variant="light" mt="auto" w="fit-content">
        {built ? t('home.available') : t('home.underConstruction')}
      </Badge>
    </Card>
  );
}
