import { Button, Code, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmPanel } from '../../../app/ConfirmPanel.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { useIsPhone } from '../../../app/useIsPhone.js';
import type { OidcClientAction } from './OidcClientActions.js';
import {
  useOidcClients,
  useRotateOidcSecret,
  useUpdateOidcClient,
  type IssuedSecret,
  type OidcClient,
} from './OidcClientApi.js';
import { OidcClientCards } from './OidcClientCards.js';
import { OidcClientForm } from './OidcClientForm.js';
import { OidcClientSecret } from './OidcClientSecret.js';
import { OidcClientTable } from './OidcClientTable.js';

type Dialog =
  | { mode: 'create' }
  | { mode: 'edit' | 'rotate' | 'disable'; client: OidcClient }
  | { mode: 'secret'; issued: IssuedSecret };

/**
 * Administrators register the systems that sign people in through CPĐT (OpenID Connect clients): their
 * redirect addresses, a secret shown once, a new secret when one leaks, and disabling a system at once.
 */
export function OidcClientsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const clients = useOidcClients();
  const update = useUpdateOidcClient();
  const rotate = useRotateOidcSecret();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const discovery = `${window.location.origin}/.well-known/openid-configuration`;

  const open = (next: Dialog | null) => {
    update.reset();
    rotate.reset();
    setDialog(next);
  };
  const onAction = (client: OidcClient, action: OidcClientAction) => {
    setNotice(null);
    if (action === 'enable')
      update.mutate(
        { clientId: client.clientId, disabled: false },
        { onSuccess: (c) => setNotice(t('oidc.enable.done', { name: c.name })) },
      );
    else open({ mode: action, client });
  };
  const pending =
    update.isPending && update.variables.disabled === false
      ? { clientId: update.variables.clientId, action: 'enable' as const }
      : null;

  const titles = (d: Dialog): string => {
    switch (d.mode) {
      case 'create':
        return t('oidc.create.title');
      case 'edit':
        return t('oidc.edit.title', { name: d.client.name });
      case 'rotate':
        return t('oidc.rotate.open');
      case 'disable':
        return t('oidc.disable.open');
      case 'secret':
        return t('oidc.secret.title', { name: d.issued.client.name });
    }
  };

  /** A new secret or disabling: what it will do, said before anything is sent; read first. */
  const confirm = (
    mode: 'rotate' | 'disable',
    client: OidcClient,
    request: { isPending: boolean; error: unknown },
    onConfirm: () => void,
  ) => (
    <ConfirmPanel
      title={t(`oidc.${mode}.confirmTitle`, { name: client.name })}
      backLabel={t('oidc.cancel')}
      confirmLabel={t(`oidc.${mode}.confirm`)}
      confirmColor="red"
      pending={request.isPending}
      error={request.error}
      onBack={() => open(null)}
      onConfirm={onConfirm}
    >
      <Text size="sm">{t(`oidc.${mode}.confirmBody`)}</Text>
    </ConfirmPanel>
  );

  const body = (d: Dialog) => {
    switch (d.mode) {
      case 'create':
      case 'edit':
        return (
          <OidcClientForm
            {...(d.mode === 'edit' ? { client: d.client } : {})}
            onCancel={() => open(null)}
            onCreated={(issued) => {
              setNotice(t('oidc.create.done', { name: issued.client.name }));
              open({ mode: 'secret', issued });
            }}
            onSaved={(c) => {
              setNotice(t('oidc.edit.done', { name: c.name }));
              open(null);
            }}
          />
        );
      case 'rotate':
        return confirm(d.mode, d.client, rotate, () =>
          rotate.mutate(d.client.clientId, { onSuccess: (issued) => open({ mode: 'secret', issued }) }),
        );
      case 'disable':
        return confirm(d.mode, d.client, update, () =>
          update.mutate(
            { clientId: d.client.clientId, disabled: true },
            {
              onSuccess: (c) => {
                setNotice(t('oidc.disable.done', { name: c.name }));
                open(null);
              },
            },
          ),
        );
      case 'secret':
        return <OidcClientSecret issued={d.issued} onDone={() => open(null)} />;
    }
  };

  const List = phone ? OidcClientCards : OidcClientTable;
  return (
    <>
      <PageHeader
        title={t('oidc.title')}
        intro={t('oidc.intro')}
        actions={<Button onClick={() => open({ mode: 'create' })}>{t('oidc.create.open')}</Button>}
      />
      <Stack gap={4} mb="md">
        <Text size="sm" id="oidc-discovery-label">
          {t('oidc.discovery')}
        </Text>
        <Code aria-labelledby="oidc-discovery-label" className="cpdt-wrap" w="fit-content" maw="100%">
          {discovery}
        </Code>
      </Stack>
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      {update.isError && dialog === null ? <ErrorAlert error={update.error} /> : null}
      <QueryView query={clients}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('oidc.list.empty')}</Text>
          ) : (
            <List clients={data.items} pending={pending} onAction={onAction} />
          )
        }
      </QueryView>
      <Modal
        opened={dialog !== null}
        onClose={() => open(null)}
        title={dialog ? titles(dialog) : ''}
        size="lg"
        fullScreen={phone}
        // A secret must not vanish on a stray click outside the dialog.
        closeOnClickOutside={dialog?.mode !== 'secret'}
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        {dialog ? body(dialog) : null}
      </Modal>
    </>
  );
}
