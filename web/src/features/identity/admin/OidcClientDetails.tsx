import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OidcClient } from './OidcClientApi.js';

/** The agency that owns a client, "name (code)", or that none does. */
export function OidcClientAgency({ client }: { client: Pick<OidcClient, 'agency'> }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" className="cpdt-wrap">
      {client.agency ? `${client.agency.nameVi} (${client.agency.code})` : t('oidc.list.noAgency')}
    </Text>
  );
}

/** A client's redirect addresses, one per line, in monospace. */
export function OidcClientRedirects({ client }: { client: Pick<OidcClient, 'redirectUris'> }) {
  return (
    <Stack gap={2}>
      {client.redirectUris.map((uri) => (
        <Text key={uri} size="xs" ff="monospace" className="cpdt-wrap">
          {uri}
        </Text>
      ))}
    </Stack>
  );
}
