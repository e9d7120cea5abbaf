import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "<page> — CPĐT" in the tab and in screen readers' announcement of the new page. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.pageTitle', { page });
  }, [t, page]);
}
