import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../api/types.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { Icon } from '../../app/icons.js';
import { useSendTest } from './outbox.api.js';

/** Opens a small form: pick channels, send a test notice to yourself. */
export function SendTestButton({ onSent }: { onSent: () => void }) {
  const { t } = useTranslation();
  const [opened, modal] = useDisclosure(false);
  const [channels, setChannels] = useState<Channel[]>([...CHANNELS]);
  const send = useSendTest();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (channels.length === 0) return;
    send.mutate(channels, {
      onSuccess: () => {
        modal.close();
        onSent();
      },
    });
  };
  const close = () => {
    modal.close();
    send.reset();
  };
  return (
    <>
      <Button leftSection={<Icon name="send" size={18} />} onClick={modal.open}>
        {t('outbox.sendTest')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('outbox.sendTestTitle')}
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        <form onSubmit={submit}>
          <Stack gap="md">
            <Text size="sm">{t('outbox.sendTestIntro')}</Text>
            <Checkbox.Group
              label={t('outbox.channels')}
              value={channels}
              onChange={(values) => setChannels(CHANNELS.filter((c) => values.includes(c)))}
              error={channels.length === 0 ? t('outbox.pickChannel') : undefined}
            >
              <Stack gap="xs" mt="xs">
                {CHANNELS.map((c) => (
                  <Checkbox key={c} value={c} label={t(`channel.${c}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            {send.isError ? <ErrorAlert error={send.error} /> : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('outbox.cancel')}
              </Button>
              <Button type="submit" loading={send.isPending} disabled={channels.length === 0}>
                {t('outbox.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
