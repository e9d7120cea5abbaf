import { useTranslation } from 'react-i18next';
import type { NavItem } from './navigation.js';
import { StatusPage } from './StatusPage.js';

/** An honest placeholder for a module that is not built yet. */
export function ComingSoonPage({ module }: { module: NavItem['key'] }) {
  const { t } = useTranslation();
  return <StatusPage title={t(`nav.${module}`)} badge={t('comingSoon.badge')} text={t('comingSoon.text')} />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('notFound.title')} text={t('notFound.text')} />;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('forbidden.title')} text={t('forbidden.text')} />;
}
