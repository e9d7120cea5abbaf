import { Anchor, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <caption>
          <VisuallyHidden>{t('agencies.list.label')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('agencies.fields.code')}</Table.Th>
            <Table.Th scope="col">{t('agencies.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('agencies.level.label')}</Table.Th>
            <Table.Th scope="col">{t('agencies.fields.adminUnit')}</Table.Th>
            <Table.Th scope="col">{t('agencies.fields.validity')}</Table.Th>
            <Table.Th scope="col">{t('agencies.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agencies.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <AgencyCode agency={a} />
              </Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  ta="left"
                  className="cpdt-wrap"
                  onClick={() => onOpen(a.id)}
                >
                  {a.nameVi}
                </Anchor>
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
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
