import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';

interface PersonConfirmButtonProps extends Pick<ButtonProps, 'variant' | 'color' | 'size' | 'disabled'> {
  label: string;
  /** The accessible name when the visible label is short ("Bỏ", "Thu hồi"). */
  ariaLabel?: string;
  /** The question asked before anything changes. */
  question: string;
  loading: boolean;
  error?: unknown;
  onConfirm: (done: () => void) => void;
}

/** A button that asks first: irreversible or disruptive actions (reset MFA, revoke, remove) never fire on one click. */
export function PersonConfirmButton({
  label,
  ariaLabel,
  question,
  loading,
  error,
  onConfirm,
  ...button
}: PersonConfirmButtonProps) {
  const { t } = useTranslation();
  const [opened, modal] = useDisclosure(false);
  return (
    <>
      <Button size="xs" variant="outline" {...button} onClick={modal.open} aria-label={ariaLabel}>
        {label}
      </Button>
      <Modal
        opened={opened}
        onClose={modal.close}
        title={label}
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        <Stack gap="md">
          <Text>{question}</Text>
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={modal.close}>
              {t('people.cancel')}
            </Button>
            <Button
              color={button.color ?? 'brand'}
              loading={loading}
              onClick={() => onConfirm(modal.close)}
              data-autofocus
            >
              {t('people.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
