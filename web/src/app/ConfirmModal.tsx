import { Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.js';
import { FormActions, type FormActionsProps } from './FormActions.js';

interface ConfirmModalProps extends Omit<FormActionsProps, 'onCancel' | 'onAction'> {
  opened: boolean;
  title: string;
  /** The question asked before anything changes. */
  children: ReactNode;
  error?: unknown;
  onClose: () => void;
  onConfirm: () => void;
}

/** A question in a dialog before an irreversible or disruptive action: cancel, or go ahead. */
export function ConfirmModal({
  opened,
  title,
  children,
  error,
  onClose,
  onConfirm,
  ...actions
}: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <Stack gap="md">
        {children}
        {error ? <ErrorAlert error={error} /> : null}
        <FormActions {...actions} onCancel={onClose} onAction={onConfirm} />
      </Stack>
    </Modal>
  );
}
