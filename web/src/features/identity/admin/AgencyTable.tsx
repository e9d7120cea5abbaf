import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../../../app/LinkButton.js';
import { ListTable } from '../../../app/ListTable.js';
import type { Agency } from './agencies.api.js';
import { AgencyCode, AgencyStatusBadge, useValidity } from './AgencyBadges.js';

export interface AgencyListProps {
  agencies: Agency[];
  onOpen: (id: string) => void;
}

/** Wide screens: one row per agency; the name opens its details. */
export function AgencyTable({ agencies, onOpen }: AgencyListProps) {
  const { t } = useTranslation();
  const validity = useValidity();
  return (
    <ListTable
      label={t('agencies.list.label')}
      minWidth={820}
      columns={[
        t('agencies.fields.code'),
        t('agencies.fields.name'),
        t('agencies.level.label'),
        t('agencies.fields.adminUnit'),
        t('agencies.fields.validity'),
        t('agencies.fields.status'),
      ]}
    >
      {agencies.map((a) => (
        <Table.Tr key={a.id}>
          <Table.Td>
            <AgencyCode agency={a} />
          </Table.Td>
          <Table.Td>
            <LinkButton onClick={() => onOpen(a.id)}>{a.nameVi}</LinkButton>
            {a.nameEn || a.shortName ? (
              <Text size="xs" c="dimmed" className="cpdt-wrap">
                {[a.shortName, a.nameEn].filter(Boolean).join(' · ')}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`agencies.level.${a.level}`)}</Table.Td>
          <Table.Td>
            <Text size="sm" ff="monospace">
              {a.adminUnitCode ?? '—'}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{validity(a)}</Text>
          </Table.Td>
          <Table.Td style={{ minWidth: '8.5rem' }}>
            <AgencyStatusBadge agency={a} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
