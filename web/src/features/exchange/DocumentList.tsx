import { useTranslation } from 'react-i18next';
import { QueryView } from '../../app/QueryView.js';
import { DOCUMENT_PAGE_SIZE, useDocuments, type DocumentFilter } from './exchange.api.js';
import { DocumentCards } from './DocumentCards.js';
import { DocumentTable } from './DocumentTable.js';
import { PagedList } from './PagedList.js';
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
  const wide = useIsWide();
  const documents = useDocuments(filter);
  const List = wide ? DocumentTable : DocumentCards;
  return (
    <QueryView query={documents}>
      {({ items, total }) => (
        <PagedList
          page={filter.page}
          pageSize={DOCUMENT_PAGE_SIZE}
          total={total}
          shown={items.length}
          empty={t('exchange.list.empty')}
          range={(r) => t('exchange.list.range', r)}
          onPage={(page) => onFilter({ ...filter, page })}
        >
          <List documents={items} direction={filter.direction} />
        </PagedList>
      )}
    </QueryView>
  );
}
