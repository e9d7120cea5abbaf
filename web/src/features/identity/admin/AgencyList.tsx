import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../app/QueryView.js';
import { useIsPhone } from '../../../app/useIsPhone.js';
import { AGENCY_PAGE_SIZE, useAgencies, type AgencyFilter } from './agencies.api.js';
import { AgencyCards } from './AgencyCards.js';
import { AgencyTable } from './AgencyTable.js';

/** One page of the registry for the filter: a table on desktop, cards on a phone, and page controls. */
export function AgencyList({
  filter,
  onFilter,
  onOpen,
}: {
  filter: AgencyFilter;
  onFilter: (next: AgencyFilter) => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const agencies = useAgencies(filter);
  const List = phone ? AgencyCards : AgencyTable;
  return (
    <QueryView query={agencies}>
      {({ items, total }) => {
        const pages = Math.max(1, Math.ceil(total / AGENCY_PAGE_SIZE));
        const first = (filter.page - 1) * AGENCY_PAGE_SIZE + 1;
        return (
          <>
            <Text size="sm" c="dimmed" mb="xs" role="status">
              {total === 0
                ? t('agencies.list.empty')
                : t('agencies.list.range', { first, last: first + items.length - 1, total })}
            </Text>
            {items.length > 0 ? <List agencies={items} onOpen={onOpen} /> : null}
            {pages > 1 ? (
              <Group justify="center" mt="md" component="nav" aria-label={t('agencies.list.pages')}>
                <Pagination
                  total={pages}
                  value={Math.min(filter.page, pages)}
                  onChange={(page) => onFilter({ ...filter, page })}
                  siblings={phone ? 0 : 1}
                  boundaries={1}
                  getItemProps={(page) => ({ 'aria-label': t('agencies.list.page', { page }) })}
                  getControlProps={(control) => ({ 'aria-label': t(`agencies.list.${control}`) })}
                />
              </Group>
            ) : null}
          </>
        );
      }}
    </QueryView>
  );
}
