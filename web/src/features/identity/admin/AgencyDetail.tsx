import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../../app/DetailList.js';
import type { AgencyDetail as AgencyDetailData } from './agencies.api.js';
import { AgencyAdminUnitName } from './AgencyAdminUnitName.js';
import { AgencyCode, AgencyStatusBadge, useValidity } from './AgencyBadges.js';
import { AgencyLink, AgencySuccessionSection } from './AgencySuccessions.js';

export type AgencyAction = 'rename' | 'merge' | 'retire';

/** Everything the registry knows of one agency, where it came from and what it became; actions if current. */
export function AgencyDetail({
  agency,
  onOpen,
  onAction,
}: {
  agency: AgencyDetailData;
  onOpen: (id: string) => void;
  onAction: (action: AgencyAction) => void;
}) {
  const { t } = useTranslation();
  const validity = useValidity();
  return (
    <Stack gap="md">
      <DetailList
        items={[
          { label: t('agencies.fields.code'), value: <AgencyCode agency={agency} /> },
          {
            label: t('agencies.fields.codeForm'),
            value: agency.codeStandard ? t('agencies.code.standard') : t('agencies.code.notStandardTitle'),
          },
          { label: t('agencies.fields.nameVi'), value: agency.nameVi },
          { label: t('agencies.fields.nameEn'), value: agency.nameEn },
          { label: t('agencies.fields.shortName'), value: agency.shortName },
          { label: t('agencies.level.label'), value: t(`agencies.level.${agency.level}`) },
          {
            label: t('agencies.fields.parent'),
            value: agency.parent ? <AgencyLink agency={agency.parent} onOpen={onOpen} /> : null,
          },
          {
            label: t('agencies.fields.adminUnit'),
            value: agency.adminUnitCode ? <AgencyAdminUnitName code={agency.adminUnitCode} /> : null,
          },
          { label: t('agencies.fields.validity'), value: validity(agency) },
          { label: t('agencies.fields.status'), value: <AgencyStatusBadge agency={agency} /> },
          { label: t('agencies.fields.legalBasis'), value: agency.legalBasis },
          { label: t('agencies.fields.retiredBasis'), value: agency.retiredBasis },
        ]}
      />
      <AgencySuccessionSection
        id="agency-predecessors"
        title={t('agencies.detail.predecessors')}
        none={t('agencies.detail.noPredecessors')}
        successions={agency.predecessors}
        side="predecessor"
        onOpen={onOpen}
      />
      <AgencySuccessionSection
        id="agency-successors"
        title={t('agencies.detail.successors')}
        none={agency.retired ? t('agencies.detail.dissolved') : t('agencies.detail.noSuccessors')}
        successions={agency.successors}
        side="successor"
        onOpen={onOpen}
      />
      {agency.retired ? (
        <Text size="sm" c="dimmed">
          {t('agencies.detail.retiredNoChanges')}
        </Text>
      ) : (
        <Group gap="sm" role="group" aria-label={t('agencies.detail.actions')}>
          <Button variant="default" onClick={() => onAction('rename')}>
            {t('agencies.rename.open')}
          </Button>
          <Button variant="default" onClick={() => onAction('merge')}>
            {t('agencies.merge.openFrom')}
          </Button>
          <Button variant="outline" onClick={() => onAction('retire')}>
            {t('agencies.retire.open')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
