import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OidcClient } from './OidcClientApi.js';

export type OidcClientAction = 'edit' | 'rotate' | 'disable' | 'enable';

export interface OidcClientActionsProps {
  /** Which client's action is being sent (its button shows it is busy). */
  pending: { clientId: string; action: OidcClientAction } | null;
  onAction: (client: OidcClient, action: OidcClientAction) => void;
}

/** What an administrator may do to one client; each button names the client for screen readers. */
export function OidcClientActions({
  client,
  pending,
  onAction,
}: OidcClientActionsProps & { client: OidcClient }) {
  const { t } = useTranslation();
  const busy = (action: OidcClientAction) =>
    pending?.clientId === client.clientId && pending.action === action;
  const button = (action: OidcClientAction, variant: 'default' | 'outline' | 'subtle' = 'default') => (
    <Button
      size="compact-sm"
      variant={variant}
      loading={busy(action)}
      onClick={() => onAction(client, action)}
      aria-label={t(`oidc.${action}.openFor`, { name: client.name })}
    >
      {t(`oidc.${action}.open`)}
    </Button>
  );
  return (
    <Group gap="xs" wrap="wrap">
      {button('edit')}
      {client.type === 'confidential' && !client.disabledAt ? button('rotate') : null}
      {client.disabledAt ? button('enable', 'outline') : button('disable', 'subtle')}
    </Group>
  );
}
