import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A dismissible confirmation, announced to screen readers: the live region stays in the page so that a
 * message appearing in it is read out.
 */
export function SuccessNotice({ message, onClose }: { message: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="status">
      {message !== null ? (
        <Alert
          color="green"
          variant="light"
          mb="md"
          withCloseButton
          onClose={onClose}
          closeButtonLabel={t('app.close')}
          role="none"
        >
          {message}
        </Alert>
      ) : null}
    </div>
  );
}
