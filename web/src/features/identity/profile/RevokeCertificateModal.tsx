import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../app/ConfirmModal.js';
import { certificateName } from './CertificateCard.js';
import { useRevokeCertificate, type Certificate } from './certificates.api.js';

/** Asks before revoking: it cannot be undone. */
export function RevokeCertificateModal({
  certificate,
  onClose,
  onRevoked,
}: {
  certificate: Certificate | null;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useTranslation();
  const revoke = useRevokeCertificate();
  const close = () => {
    revoke.reset();
    onClose();
  };
  const confirm = () => {
    if (!certificate) return;
    revoke.mutate(certificate.id, {
      onSuccess: () => {
        revoke.reset();
        onRevoked();
      },
    });
  };
  return (
    <ConfirmModal
      opened={certificate !== null}
      onClose={close}
      title={t('certificates.revokeTitle')}
      error={revoke.error}
      cancelLabel={t('certificates.cancel')}
      holdCancel
      actionLabel={t('certificates.revokeConfirm')}
      actionColor="red"
      pending={revoke.isPending}
      onConfirm={confirm}
    >
      <Text size="sm" className="cpdt-wrap">
        {t('certificates.revokeBody', {
          name: certificate ? certificateName(certificate, t('certificates.noName')) : '',
        })}
      </Text>
    </ConfirmModal>
  );
}
