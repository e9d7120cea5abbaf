import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../../i18n/format.js';
import { OPINION_POSITIONS, type ItemOpinions, type OpinionPosition } from './discussion.api.js';

export const POSITION_COLOR: Record<OpinionPosition, string> = {
  agree: 'green',
  agree_with_comments: 'teal',
  disagree: 'red',
  other: 'orange',
};

/**
 * "Ý kiến các thành viên": counts per position, the opinions that differ from a plain agree with their
 * reasons, then who agreed and who has not answered. Submitted opinions only.
 */
export function OpinionSummary({ item }: { item: ItemOpinions }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const differing = item.submitted.filter((o) => o.position !== 'agree');
  const agreed = item.submitted.filter((o) => o.position === 'agree');
  return (
    <Stack gap="xs">
      <Title order={4} size="h6">
        {t('cabinetDiscussion.summary.title')}
      </Title>
      <Group gap={6} aria-label={t('cabinetDiscussion.summary.countsLabel')} role="list">
        {OPINION_POSITIONS.map((p) => (
          <Badge
            key={p}
            role="listitem"
            variant="light"
            color={POSITION_COLOR[p]}
            style={{ textTransform: 'none' }}
          >
            {t(`cabinetDiscussion.positions.${p}`)}: {item.counts[p]}
          </Badge>
        ))}
      </Group>
      {item.submitted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cabinetDiscussion.summary.none')}
        </Text>
      ) : null}
      {differing.length > 0 ? (
        <section aria-label={t('cabinetDiscussion.summary.differs')}>
          <Text size="sm" fw={600} mb={4}>
            {t('cabinetDiscussion.summary.differs')}
          </Text>
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
            {differing.map((o) => (
              <Paper component="li" key={o.memberId} withBorder radius="sm" p="xs">
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={600} className="cpdt-wrap">
                    {o.memberName ?? o.memberId}
                  </Text>
                  <Badge variant="light" color={POSITION_COLOR[o.position]} style={{ textTransform: 'none' }}>
                    {t(`cabinetDiscussion.positions.${o.position}`)}
                  </Badge>
                </Group>
                {o.body ? (
                  <Text size="sm" mt={4} className="cpdt-wrap" style={{ whiteSpace: 'pre-wrap' }}>
                    {o.body}
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed" mt={2}>
                  {t('cabinetDiscussion.summary.submittedAt', { when: when(o.submittedAt) })}
                </Text>
              </Paper>
            ))}
          </Stack>
        </section>
      ) : null}
      {agreed.length > 0 ? (
        <Text size="sm" className="cpdt-wrap">
          <Text span fw={600}>
            {t('cabinetDiscussion.summary.agreed')}:
          </Text>{' '}
          {agreed.map((o) => o.memberName ?? o.memberId).join(', ')}
        </Text>
      ) : null}
      {item.notAnswered.length > 0 ? (
        <Text size="sm" className="cpdt-wrap">
          <Text span fw={600}>
            {t('cabinetDiscussion.summary.notAnswered', { count: item.notAnswered.length })}:
          </Text>{' '}
          {item.notAnswered.map((m) => m.displayName ?? m.memberId).join(', ')}
        </Text>
      ) : item.expected > 0 ? (
        <Text size="sm" c="dimmed">
          {t('cabinetDiscussion.summary.allAnswered')}
        </Text>
      ) : null}
    </Stack>
  );
}
