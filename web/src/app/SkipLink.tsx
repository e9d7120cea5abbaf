import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** The first stop of the Tab key: jumps past header and menu to the page content. */
export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault(); // focus without changing the URL the router owns
    target.focus();
  };
  return (
    <a className="cpdt-skip-link" href={`#${targetId}`} onClick={skip}>
      {t('app.skipToContent')}
    </a>
  );
}
