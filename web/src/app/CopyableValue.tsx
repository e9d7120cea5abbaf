import { Button, Code, CopyButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A labelled value shown whole (a secret, an id) with a button that copies it. */
export function CopyableValue({ label, value, id }: { label: string; value: string; id: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" fw={600} id={id}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block aria-labelledby={id} style={{ wordBreak: 'break-all', flex: 1, minWidth: 0 }}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="compact-sm"
              variant="default"
              onClick={copy}
              aria-label={t('app.copyLabel', { what: label })}
            >
              {copied ? t('app.copied') : t('app.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </div>
  );
}
