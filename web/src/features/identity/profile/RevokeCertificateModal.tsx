import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
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
    <Modal
      opened={certificate !== null}
      onClose={close}
      title={t('certificates.revokeTitle')}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <Stack gap="md">
        <Text size="sm" className="cpdt-wrap">
          {t('certificates.revokeBody', {
            name: certificate ? certificateName(certificate, t('certificates.noName')) : '',
          })}
        </Text>
        {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={revoke.isPending}>
            {t('certificates.cancel')}
          </Button>
          <Button color="red" onClick={confirm} loading={revoke.isPending}>
            {t('certificates.revokeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
