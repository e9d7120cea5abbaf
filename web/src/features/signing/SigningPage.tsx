import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader.js';

/** This device's signing key: create it, see its certificate, test a signature; the signing agent. STUB: filled in by issue 5. */
export function SigningPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('signing.title')} />;
}
