import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Agency } from './agencies.api.js';
import { useDay } from './agency-dates.js';

/** The identifier code, and a note when it is not in the standard NNN.NN.NN.XNN form. */
export function AgencyCode({ agency }: { agency: Pick<Agency, 'code' | 'codeStandard'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <Text component="span" size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {agency.code}
      </Text>
      {agency.codeStandard ? null : (
        <Badge color="orange" variant="light" size="sm" title={t('agencies.code.notStandardTitle')}>
          {t('agencies.code.notStandard')}
        </Badge>
      )}
    </Group>
  );
}

/** Badges cut long text with an ellipsis; a status must be read whole (it may wrap on a phone). */
const WHOLE = {
  root: { height: 'auto', maxWidth: '100%' },
  label: { whiteSpace: 'normal', overflow: 'visible' },
} as const;

/** Current, or retired with its last day. */
export function AgencyStatusBadge({ agency }: { agency: Pick<Agency, 'retired' | 'validTo'> }) {
  const { t } = useTranslation();
  const day = useDay();
  return agency.retired ? (
    <Badge color="gray" variant="light" styles={WHOLE}>
      {agency.validTo
        ? t('agencies.status.retiredOn', { date: day(agency.validTo) })
        : t('agencies.status.retired')}
    </Badge>
  ) : (
    <Badge color="green" variant="light" styles={WHOLE}>
      {t('agencies.status.current')}
    </Badge>
  );
}

/** "from … to …", "from …", or nothing known. */
export function useValidity(): (agency: Pick<Agency, 'validFrom' | 'validTo'>) => string {
  const { t } = useTranslation();
  const day = useDay();
  return ({ validFrom, validTo }) => {
    if (validFrom && validTo)
      return t('agencies.validity.between', { from: day(validFrom), to: day(validTo) });
    if (validFrom) return t('agencies.validity.from', { from: day(validFrom) });
    if (validTo) return t('agencies.validity.until', { to: day(validTo) });
    return t('agencies.validity.unknown');
  };
}
