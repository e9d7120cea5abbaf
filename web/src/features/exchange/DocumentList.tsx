import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../app/QueryView.js';
import { useIsPhone } from '../../app/useIsPhone.js';
import { DOCUMENT_PAGE_SIZE, useDocuments, type DocumentFilter } from './exchange.api.js';
import { DocumentCards } from './DocumentCards.js';
import { DocumentTable } from './DocumentTable.js';
import { useIsWide } from './useIsWide.js';

/** One page of documents for the filter: a table on a wide screen, cards elsewhere, and page controls. */
export function DocumentList({
  filter,
  onFilter,
}: {
  filter: DocumentFilter;
  onFilter: (next: DocumentFilter) => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const wide = useIsWide();
  const documents = useDocuments(filter);
  const List = wide ? DocumentTable : DocumentCards;
  return (
    <QueryView query={documents}>
      {({ items, total }) => {
        const pages = Math.max(1, Math.ceil(total / DOCUMENT_PAGE_SIZE));
        const first = (filter.page - 1) * DOCUMENT_PAGE_SIZE + 1;
        return (
          <>
            <Text size="sm" c="dimmed" mb="xs" role="status">
              {items.length === 0
                ? t('exchange.list.empty')
                : t('exchange.list.range', { first, last: first + items.length - 1, total })}
            </Text>
            {items.length > 0 ? <List documents={items} direction={filter.direction} /> : null}
            {pages > 1 ? (
              <Group justify="center" mt="md" component="nav" aria-label={t('exchange.list.pages')}>
                <Pagination
                  total={pages}
                  value={Math.min(filter.page, pages)}
                  onChange={(page) => onFilter({ ...filter, page })}
                  siblings={phone ? 0 : 1}
                  boundaries={1}
                  getItemProps={(page) => ({ 'aria-label': t('exchange.list.page', { page }) })}
                  getControlProps={(control) => ({ 'aria-label': t(`exchange.list.${control}`) })}
                />
              </Group>
            ) : null}
          </>
        );
      }}
    </QueryView>
  );
}
