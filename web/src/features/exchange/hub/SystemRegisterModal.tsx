import { Modal, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFrame } from '../../../app/FormFrame.js';
import { useIsPhone } from '../../../app/useIsPhone.js';
import { useRegisterSystem, type IssuedSystem, type NewHubSystem } from '../exchange.api.js';
import { RecipientsInput } from '../RecipientsInput.js';
import { SystemSecret } from './SystemSecret.js';

const MB = 1024 * 1024;

/**
 * Registers a connected system: its id, name, the agency codes it acts for and its limits. The answer
 * carries the secret, shown once in the same dialog before it closes.
 */
export function SystemRegisterModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const register = useRegisterSystem();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [agencyCodes, setAgencyCodes] = useState<string[]>([]);
  const [maxMb, setMaxMb] = useState<number | string>('');
  const [sends, setSends] = useState<number | string>('');
  const [pushUrl, setPushUrl] = useState('');
  const [oidcClientId, setOidcClientId] = useState('');
  const [issued, setIssued] = useState<IssuedSystem | null>(null);
  const close = () => {
    // Nothing typed (and above all no secret) survives the dialog.
    setId('');
    setName('');
    setAgencyCodes([]);
    setMaxMb('');
    setSends('');
    setPushUrl('');
    setOidcClientId('');
    setIssued(null);
    register.reset();
    onClose();
  };
  const ready = id.trim() !== '' && name.trim() !== '' && agencyCodes.length > 0;
  const submit = () => {
    if (!ready) return;
    const system: NewHubSystem = {
      id: id.trim(),
      name: name.trim(),
      agencyCodes,
      ...(typeof maxMb === 'number' ? { maxEnvelopeBytes: Math.round(maxMb * MB) } : {}),
      ...(typeof sends === 'number' ? { sendsPerMinute: sends } : {}),
      ...(pushUrl.trim() ? { pushUrl: pushUrl.trim() } : {}),
      ...(oidcClientId.trim() ? { oidcClientId: oidcClientId.trim() } : {}),
    };
    register.mutate(system, { onSuccess: setIssued });
  };
  return (
    <Modal
      opened={opened}
      onClose={issued ? () => undefined : close}
      title={t('exchange.hub.register.title')}
      size="lg"
      fullScreen={phone}
      closeOnClickOutside={!issued}
      closeOnEscape={!issued}
      withCloseButton={!issued}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      {issued ? (
        <SystemSecret issued={issued} onDone={close} />
      ) : (
        <FormFrame
          onSubmit={submit}
          error={register.error}
          focusError
          cancelLabel={t('exchange.cancel')}
          onCancel={close}
          actionLabel={t('exchange.hub.register.submit')}
          actionDisabled={!ready}
          pending={register.isPending}
          holdCancel
        >
          <Stack gap="sm">
            <TextInput
              label={t('exchange.hub.register.id')}
              description={t('exchange.hub.register.idHint')}
              value={id}
              onChange={(e) => setId(e.currentTarget.value)}
              maxLength={64}
              required
              data-autofocus
            />
            <TextInput
              label={t('exchange.hub.register.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={300}
              required
            />
            <RecipientsInput
              label={t('exchange.hub.register.agencies')}
              description={t('exchange.hub.register.agenciesHint')}
              value={agencyCodes}
              onChange={setAgencyCodes}
              required
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NumberInput
                label={t('exchange.hub.register.maxEnvelopeMb')}
                description={t('exchange.hub.register.limitsHint')}
                value={maxMb}
                onChange={setMaxMb}
                min={1}
                max={2048}
                allowNegative={false}
              />
              <NumberInput
                label={t('exchange.hub.register.sendsPerMinute')}
                description={t('exchange.hub.register.limitsHint')}
                value={sends}
                onChange={setSends}
                min={1}
                max={100000}
                allowNegative={false}
                allowDecimal={false}
              />
            </SimpleGrid>
            <TextInput
              type="url"
              label={t('exchange.hub.register.pushUrl')}
              description={t('exchange.hub.register.pushUrlHint')}
              value={pushUrl}
              onChange={(e) => setPushUrl(e.currentTarget.value)}
              maxLength={2000}
            />
            <TextInput
              label={t('exchange.hub.register.oidcClient')}
              description={t('exchange.hub.register.oidcClientHint')}
              value={oidcClientId}
              onChange={(e) => setOidcClientId(e.currentTarget.value)}
              maxLength={200}
              autoComplete="off"
              spellCheck={false}
            />
          </Stack>
        </FormFrame>
      )}
    </Modal>
  );
}
