import { Alert, Button, Checkbox, Code, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Recovery codes, shown once: the person must say they saved them before going on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const download = () => {
    const blob = new Blob([`CPĐT — ${t('mfa.recoveryTitle')}\n\n${codes.join('\n')}\n`], {
      type: 'text/plain',
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'cpdt-ma-khoi-phuc.txt';
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('mfa.recoveryTitle')}
      </Title>
      <Alert color="yellow" variant="light">
        {t('mfa.recoveryShowOnce')}
      </Alert>
      <SimpleGrid cols={2} spacing="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {codes.map((code) => (
          <Text component="li" key={code}>
            <Code fz="md">{code}</Code>
          </Text>
        ))}
      </SimpleGrid>
      <Group>
        <Button variant="default" onClick={download}>
          {t('mfa.recoveryDownload')}
        </Button>
      </Group>
      <Checkbox
        label={t('mfa.recoverySaved')}
        checked={saved}
        onChange={(e) => setSaved(e.currentTarget.checked)}
      />
      <Button disabled={!saved} onClick={onDone}>
        {t('mfa.continue')}
      </Button>
    </Stack>
  );
}
