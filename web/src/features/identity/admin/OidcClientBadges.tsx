import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OidcClient } from './OidcClientApi.js';

/** Badges cut long text with an ellipsis; a status must be read whole (it may wrap on a phone). */
const WHOLE = {
  root: { height: 'auto', maxWidth: '100%' },
  label: { whiteSpace: 'normal', overflow: 'visible' },
} as const;

export function OidcClientStatusBadge({ client }: { client: Pick<OidcClient, 'disabledAt'> }) {
  const { t } = useTranslation();
  return client.disabledAt ? (
    <Badge color="gray" variant="light" styles={WHOLE}>
      {t('oidc.status.disabled')}
    </Badge>
  ) : (
    <Badge color="green" variant="light" styles={WHOLE}>
      {t('oidc.status.active')}
    </Badge>
  );
}

export function OidcClientTypeBadge({ client }: { client: Pick<OidcClient, 'type' | 'machine'> }) {
  const { t } = useTranslation();
  const kind = client.machine ? 'machine' : client.type;
  return (
    <Badge
      color={{ public: 'blue', confidential: 'grape', machine: 'teal' }[kind]}
      variant="outline"
      styles={WHOLE}
      title={t(`oidc.type.${kind}Hint`)}
    >
      {t(`oidc.type.${kind}Short`)}
    </Badge>
  );
}
