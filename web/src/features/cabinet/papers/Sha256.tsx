import { Button, Code, CopyButton, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { shortHash } from './papers.format.js';

/** A version's SHA-256, shortened on screen (the whole one in its title) and copyable in full. */
export function Sha256({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Code title={value}>{shortHash(value)}…</Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button variant="subtle" size="compact-xs" onClick={copy}>
            {copied ? t('cabinetPapers.version.copied') : t('cabinetPapers.version.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
