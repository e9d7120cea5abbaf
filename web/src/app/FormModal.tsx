import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormFrame, type FormFrameProps } from './FormFrame.js';
import { useIsPhone } from './useIsPhone.js';

interface FormModalProps extends Omit<FormFrameProps, 'onCancel' | 'label'> {
  title: string;
  /** Closing the dialog and its cancel button do the same. */
  onClose: () => void;
  /** Absent: open while it is rendered. */
  opened?: boolean;
  size?: ModalProps['size'];
  /** The whole screen on a phone, for long forms. */
  fullScreenOnPhone?: boolean;
}

/** A form in a dialog: the dialog's title names it, cancel closes it. */
export function FormModal({
  title,
  onClose,
  opened = true,
  size,
  fullScreenOnPhone,
  ...form
}: FormModalProps) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      fullScreen={fullScreenOnPhone ? phone : undefined}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <FormFrame {...form} onCancel={onClose} />
    </Modal>
  );
}
