import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/PageHeader.js';

/** Ballots: the list for the office, and a member's ballots to answer. STUB: filled in by issue 5. */
export function BallotsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('cabinetBallots.title')} />;
}
