import { ActionIcon, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgency, useMergeAgencies, type Agency } from './agencies.api.js';
import { dayBefore, todayInVietnam, useDay } from './agency-dates.js';
import { AgencyChangeSteps } from './AgencyChangeSteps.js';
import { AgencyChangeFields, blankToNull } from './AgencyFields.js';
import { AgencyPicker } from './AgencyPicker.js';

/** "Name (code)" of an agency by id, once loaded. */
function AgencyName({ id }: { id: string }) {
  const agency = useAgency(id);
  return <>{agency.data ? `${agency.data.nameVi} (${agency.data.code})` : '…'}</>;
}

/**
 * Several agencies merged into one receiving agency from a date: they end the day before, link to it, and
 * their current subordinates move under it.
 */
export function AgencyMergeForm({
  initialSourceId,
  onDone,
  onCancel,
}: {
  initialSourceId?: string;
  onDone: (result: { agency: Agency; merged: Agency[] }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const day = useDay();
  const merge = useMergeAgencies();
  const [targetId, setTargetId] = useState<string | null>(null);
  const [sourceIds, setSourceIds] = useState<string[]>(initialSourceId ? [initialSourceId] : []);
  const [date, setDate] = useState(todayInVietnam());
  const [legalBasis, setLegalBasis] = useState('');
  const [tried, setTried] = useState(false);
  const target = useAgency(targetId);
  const targetName = target.data ? `${target.data.nameVi} (${target.data.code})` : '';

  const noTarget = targetId === null;
  const noSources = sourceIds.length === 0;

  return (
    <AgencyChangeSteps
      label={t('agencies.merge.title')}
      intro={t('agencies.merge.intro')}
      request={merge}
      ready={() => {
        setTried(true);
        return !noTarget && !noSources;
      }}
      onCancel={onCancel}
      confirmTitle={t('agencies.merge.confirmTitle', { count: sourceIds.length, target: targetName })}
      confirmLabel={t('agencies.merge.confirm')}
      onConfirm={() => {
        if (targetId === null) return;
        merge.mutate(
          { sourceIds, targetId, date, legalBasis: blankToNull(legalBasis) },
          { onSuccess: onDone },
        );
      }}
      explanation={
        <>
          <Text size="sm">
            {t('agencies.merge.explainEnd', { date: day(date), last: day(dayBefore(date)) })}
          </Text>
          <List size="sm" withPadding>
            {sourceIds.map((id) => (
              <List.Item key={id}>
                <AgencyName id={id} />
              </List.Item>
            ))}
          </List>
          <Text size="sm">{t('agencies.merge.explainMove', { target: targetName })}</Text>
          <Text size="sm">{t('agencies.merge.explainResolve', { target: targetName })}</Text>
          <Text size="sm">{t('agencies.merge.explainFinal')}</Text>
        </>
      }
    >
      <AgencyPicker
        label={t('agencies.merge.target')}
        value={targetId}
        onChange={setTargetId}
        required
        excludeIds={sourceIds}
        {...(tried && noTarget ? { error: t('agencies.merge.needTarget') } : {})}
      />
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Text size="sm" fw={600} id="merge-sources">
            {t('agencies.merge.sources')}
          </Text>
          {noSources ? (
            <Text
              size="sm"
              c={tried ? 'var(--mantine-color-error)' : 'dimmed'}
              role={tried ? 'alert' : undefined}
            >
              {t('agencies.merge.needSources')}
            </Text>
          ) : (
            <Stack
              component="ul"
              gap={6}
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-labelledby="merge-sources"
            >
              {sourceIds.map((id) => (
                <Group component="li" key={id} justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" className="cpdt-wrap">
                    <AgencyName id={id} />
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('agencies.merge.remove')}
                    onClick={() => setSourceIds(sourceIds.filter((s) => s !== id))}
                  >
                    <span aria-hidden="true">✕</span>
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          )}
          <AgencyPicker
            key={sourceIds.length} // a fresh, empty box after each pick
            label={t('agencies.merge.addSource')}
            value={null}
            onChange={(id) => {
              if (id !== null && !sourceIds.includes(id)) setSourceIds([...sourceIds, id]);
            }}
            excludeIds={[...sourceIds, ...(targetId ? [targetId] : [])]}
          />
        </Stack>
      </Paper>
      <AgencyChangeFields
        dateLabel={t('agencies.merge.date')}
        date={date}
        onDate={setDate}
        legalBasis={legalBasis}
        onLegalBasis={setLegalBasis}
      />
    </AgencyChangeSteps>
  );
}
