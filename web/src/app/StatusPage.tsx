import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader.js';

/** A page that only explains: coming soon, not found, not allowed. */
export function StatusPage({ title, text, badge }: { title: string; text: string; badge?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={640}>
      <PageHeader title={title} />
      {badge ? (
        <Badge color="yellow" variant="light" size="lg" w="fit-content">
          {badge}
        </Badge>
      ) : null}
      <Text>{text}</Text>
      <Anchor component={Link} to="/" w="fit-content">
        {t('app.backHome')}
      </Anchor>
    </Stack>
  );
}
