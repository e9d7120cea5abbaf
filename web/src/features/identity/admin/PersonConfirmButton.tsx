import { Button, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../app/ConfirmModal.js';

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
      <ConfirmModal
        opened={opened}
        onClose={modal.close}
        title={label}
        error={error}
        cancelLabel={t('people.cancel')}
        actionLabel={t('people.confirm')}
        actionColor={button.color ?? 'brand'}
        pending={loading}
        focusAction
        onConfirm={() => onConfirm(modal.close)}
      >
        <Text>{question}</Text>
      </ConfirmModal>
    </>
  );
}
