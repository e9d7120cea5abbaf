import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, useLanguage } from '../i18n/index.js';

/** VI | EN toggle buttons on the red header; the pressed one is the language on screen. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  return (
    <Group gap={4} role="group" aria-label={t('language.label')} wrap="nowrap">
      {LANGUAGES.map((code) => {
        const active = code === language;
        return (
          <Button
            key={code}
            size="compact-sm"
            variant={active ? 'white' : 'outline'}
            color={active ? 'brand' : 'white'}
            aria-pressed={active}
            aria-label={t(`language.${code}`)}
            lang={code}
            onClick={() => setLanguage(code)}
          >
            {code.toUpperCase()}
          </Button>
        );
      })}
    </Group>
  );
}
