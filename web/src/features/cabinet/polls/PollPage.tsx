import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/PageHeader.js';

/** One poll: the question, the votes and receipts, the outcome with its rule. STUB: filled in by issue 5. */
export function PollPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('cabinetPolls.title')} />;
}
