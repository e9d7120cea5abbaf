import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/PageHeader.js';

/** One ballot: papers, questions, answering and signing, the response board, the result. STUB: filled in by issue 5. */
export function BallotPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('cabinetBallots.title')} />;
}
