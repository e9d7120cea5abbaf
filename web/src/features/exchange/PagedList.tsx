import { Group, Pagination, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../app/useIsPhone.js';

/**
 * One page of a paged list (documents, hub traffic): the range line read out as a status, the items, and the
 * page controls when there is more than one page.
 */
export function PagedList({
  page,
  pageSize,
  total,
  shown,
  empty,
  range,
  onPage,
  children,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** How many items this page holds. */
  shown: number;
  empty: string;
  range: (r: { first: number; last: number; total: number }) => string;
  onPage: (page: number) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs" role="status">
        {shown === 0 ? empty : range({ first, last: first + shown - 1, total })}
      </Text>
      {shown > 0 ? children : null}
      {pages > 1 ? (
        <Group justify="center" mt="md" component="nav" aria-label={t('exchange.list.pages')}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onPage}
            siblings={phone ? 0 : 1}
            boundaries={1}
            getItemProps={(p) => ({ 'aria-label': t('exchange.list.page', { page: p }) })}
            getControlProps={(control) => ({ 'aria-label': t(`exchange.list.${control}`) })}
          />
        </Group>
      ) : null}
    </>
  );
}
