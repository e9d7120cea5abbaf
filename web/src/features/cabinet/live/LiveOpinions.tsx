import { Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LiveSnapshot } from './live.api.js';

/** For the chair and the office: what absent members wrote beforehand on the item under discussion. */
export function LiveOpinions({ snapshot }: { snapshot: LiveSnapshot }) {
  const { t } = useTranslation();
  if (snapshot.opinions === null || snapshot.currentItemId === null) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="live-opinions">
      <Stack gap="sm">
        <Title id="live-opinions" order={2} size="h4">
          {t('cabinetLive.opinions.heading')}
        </Title>
        {snapshot.opinions.length === 0 ? <Text c="dimmed">{t('cabinetLive.opinions.empty')}</Text> : null}
        {snapshot.opinions.map((o) => (
          <Stack key={o.id} gap={4}>
            <Text fw={600} className="cpdt-wrap">
              {o.displayName}{' '}
              <Badge variant="light" color={o.position === 'disagree' ? 'red' : 'blue'}>
                {t(`cabinetLive.opinions.positions.${o.position}`)}
              </Badge>
            </Text>
            {o.body ? (
              <Text size="sm" className="cpdt-wrap" style={{ whiteSpace: 'pre-wrap' }}>
                {o.body}
              </Text>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
