import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, type DocumentDetail } from './exchange.api.js';
import { useExchangeFormat } from './format.js';

/** The document's files, each a download link named with its size. */
export function DocumentAttachments({ document: d }: { document: DocumentDetail }) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  return (
    <section aria-labelledby="exchange-attachments-title">
      <Title order={2} size="h4" id="exchange-attachments-title" mb="sm">
        {t('exchange.attachments.title')}
      </Title>
      {d.attachments.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('exchange.attachments.none')}
        </Text>
      ) : (
        <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
          {d.attachments.map((a) => (
            <li key={a.position}>
              <Anchor href={attachmentUrl(d.id, a.position)} download={a.name} className="cpdt-wrap">
                {t('exchange.attachments.download', { name: a.name, size: format.bytes(a.size) })}
              </Anchor>
            </li>
          ))}
        </Stack>
      )}
    </section>
  );
}
