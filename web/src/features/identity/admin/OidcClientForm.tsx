import { Permissions } from '../../../api/permissions.js';
import { Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFrame } from '../../../app/FormFrame.js';
import { hasPermission, useSession } from '../session.js';
import { AgencyPicker } from './AgencyPicker.js';
import {
  linesOf,
  OIDC_CLIENT_KINDS,
  useCreateOidcClient,
  useUpdateOidcClient,
  type IssuedSecret,
  type OidcClient,
  type OidcClientKind,
} from './OidcClientApi.js';

/** Addresses are typed as they are: no spelling help, no capitals, monospace so each character is seen. */
const ADDRESS_INPUT = {
  spellCheck: false,
  autoCapitalize: 'off',
  styles: { input: { fontFamily: 'var(--mantine-font-family-monospace)' } },
} as const;

interface Props {
  /** Absent: register a new client. */
  client?: OidcClient;
  onCancel: () => void;
  onCreated: (issued: IssuedSecret) => void;
  onSaved: (client: OidcClient) => void;
}

/**
 * Register a system, or edit one (its kind and agency are fixed once registered). The browser checks only
 * what it must; the server checks every address and answers with a coded error.
 */
export function OidcClientForm({ client, onCancel, onCreated, onSaved }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const pickAgency = !client && hasPermission(session.data, Permissions.allAgencies);
  const create = useCreateOidcClient();
  const update = useUpdateOidcClient();
  const [name, setName] = useState(client?.name ?? '');
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [kind, setKind] = useState<OidcClientKind>(
    client?.machine ? 'machine' : (client?.type ?? 'confidential'),
  );
  // A machine signs nobody in: it has no addresses to send people back to.
  const machine = kind === 'machine';
  const [redirectUris, setRedirectUris] = useState(client?.redirectUris.join('\n') ?? '');
  const [postLogout, setPostLogout] = useState(client?.postLogoutRedirectUris.join('\n') ?? '');
  const [backchannel, setBackchannel] = useState(client?.backchannelLogoutUri ?? '');
  const error = client ? update.error : create.error;
  const pending = create.isPending || update.isPending;

  const submit = () => {
    const common = machine
      ? { name, redirectUris: [], postLogoutRedirectUris: [], backchannelLogoutUri: null }
      : {
          name,
          redirectUris: linesOf(redirectUris),
          postLogoutRedirectUris: linesOf(postLogout),
          backchannelLogoutUri: backchannel.trim() === '' ? null : backchannel.trim(),
        };
    if (client) update.mutate({ clientId: client.clientId, ...common }, { onSuccess: onSaved });
    else
      create.mutate(
        {
          ...common,
          ...(machine ? { type: 'confidential', machine: true } : { type: kind }),
          ...(pickAgency ? { agencyId } : {}),
        },
        { onSuccess: onCreated },
      );
  };

  return (
    <FormFrame
      label={client ? t('oidc.edit.title', { name: client.name }) : t('oidc.create.title')}
      onSubmit={submit}
      error={error}
      focusError
      cancelLabel={t('oidc.cancel')}
      onCancel={onCancel}
      holdCancel
      actionLabel={client ? t('oidc.edit.submit') : t('oidc.create.submit')}
      pending={pending}
    >
      <TextInput
        label={t('oidc.fields.name')}
        description={t('oidc.fields.nameHint')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
        maxLength={200}
        data-autofocus
      />
      {client ? null : pickAgency ? (
        <AgencyPicker label={t('oidc.fields.agency')} value={agencyId} onChange={setAgencyId} required />
      ) : (
        <Text size="sm" c="dimmed">
          {t('oidc.fields.agencyOwn')}
        </Text>
      )}
      {client ? null : (
        <Radio.Group
          label={t('oidc.fields.type')}
          value={kind}
          onChange={(v) => setKind(OIDC_CLIENT_KINDS.find((k) => k === v) ?? kind)}
          required
        >
          <Stack gap="xs" mt={6}>
            {OIDC_CLIENT_KINDS.map((k) => (
              <Radio key={k} value={k} label={t(`oidc.type.${k}`)} description={t(`oidc.type.${k}Hint`)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {machine ? null : (
        <>
          <Textarea
            label={t('oidc.fields.redirectUris')}
            description={t('oidc.fields.redirectUrisHint')}
            value={redirectUris}
            onChange={(e) => setRedirectUris(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxRows={8}
            inputMode="url"
            {...ADDRESS_INPUT}
          />
          <Textarea
            label={t('oidc.fields.postLogoutRedirectUris')}
            description={t('oidc.fields.postLogoutHint')}
            value={postLogout}
            onChange={(e) => setPostLogout(e.currentTarget.value)}
            autosize
            minRows={1}
            maxRows={6}
            inputMode="url"
            {...ADDRESS_INPUT}
          />
          <TextInput
            type="url"
            label={t('oidc.fields.backchannelLogoutUri')}
            description={t('oidc.fields.backchannelHint')}
            value={backchannel}
            onChange={(e) => setBackchannel(e.currentTarget.value)}
            {...ADDRESS_INPUT}
          />
        </>
      )}
    </FormFrame>
  );
}
