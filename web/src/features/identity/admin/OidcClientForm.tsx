import { Permissions } from '../../../api/permissions.js';
import { Button, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { hasPermission, useSession } from '../session.js';
import { AgencyPicker } from './AgencyPicker.js';
import {
  linesOf,
  OIDC_CLIENT_TYPES,
  useCreateOidcClient,
  useUpdateOidcClient,
  type IssuedSecret,
  type OidcClient,
  type OidcClientType,
} from './OidcClientApi.js';

/** The server's coded error, focused and in view: on a phone it would otherwise sit below the fold. */
function FormError({ error }: { error: unknown }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!error || !box.current) return;
    box.current.scrollIntoView({ block: 'nearest' });
    box.current.focus({ preventScroll: true });
  }, [error]);
  return (
    <div ref={box} tabIndex={-1} style={{ outline: 'none' }}>
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}

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
  const [type, setType] = useState<OidcClientType>(client?.type ?? 'confidential');
  const [redirectUris, setRedirectUris] = useState(client?.redirectUris.join('\n') ?? '');
  const [postLogout, setPostLogout] = useState(client?.postLogoutRedirectUris.join('\n') ?? '');
  const [backchannel, setBackchannel] = useState(client?.backchannelLogoutUri ?? '');
  const error = client ? update.error : create.error;
  const pending = create.isPending || update.isPending;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const common = {
      name,
      redirectUris: linesOf(redirectUris),
      postLogoutRedirectUris: linesOf(postLogout),
      backchannelLogoutUri: backchannel.trim() === '' ? null : backchannel.trim(),
    };
    if (client) update.mutate({ clientId: client.clientId, ...common }, { onSuccess: onSaved });
    else create.mutate({ ...common, type, ...(pickAgency ? { agencyId } : {}) }, { onSuccess: onCreated });
  };

  return (
    <form
      onSubmit={submit}
      aria-label={client ? t('oidc.edit.title', { name: client.name }) : t('oidc.create.title')}
    >
      <Stack gap="md">
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
            value={type}
            onChange={(v) => setType(OIDC_CLIENT_TYPES.find((k) => k === v) ?? type)}
            required
          >
            <Stack gap="xs" mt={6}>
              {OIDC_CLIENT_TYPES.map((kind) => (
                <Radio
                  key={kind}
                  value={kind}
                  label={t(`oidc.type.${kind}`)}
                  description={t(`oidc.type.${kind}Hint`)}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Textarea
          label={t('oidc.fields.redirectUris')}
          description={t('oidc.fields.redirectUrisHint')}
          value={redirectUris}
          onChange={(e) => setRedirectUris(e.currentTarget.value)}
          required
          autosize
          minRows={2}
          maxRows={8}
          spellCheck={false}
          autoCapitalize="off"
          inputMode="url"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <Textarea
          label={t('oidc.fields.postLogoutRedirectUris')}
          description={t('oidc.fields.postLogoutHint')}
          value={postLogout}
          onChange={(e) => setPostLogout(e.currentTarget.value)}
          autosize
          minRows={1}
          maxRows={6}
          spellCheck={false}
          autoCapitalize="off"
          inputMode="url"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <TextInput
          type="url"
          label={t('oidc.fields.backchannelLogoutUri')}
          description={t('oidc.fields.backchannelHint')}
          value={backchannel}
          onChange={(e) => setBackchannel(e.currentTarget.value)}
          spellCheck={false}
          autoCapitalize="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <FormError error={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t('oidc.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {client ? t('oidc.edit.submit') : t('oidc.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
