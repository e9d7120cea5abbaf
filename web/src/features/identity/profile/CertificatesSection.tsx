import { Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardList } from '../../../app/CardList.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { CertificateCard, certificateName } from './CertificateCard.js';
import { CertificateUploadForm } from './CertificateUploadForm.js';
import { useMyCertificates, type Certificate } from './certificates.api.js';
import { RevokeCertificateModal } from './RevokeCertificateModal.js';

/** The person's signing certificates: the list (one card each), registering one, revoking one. */
export function CertificatesSection() {
  const { t } = useTranslation();
  const list = useMyCertificates();
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="certificates-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="certificates-title">
          {t('certificates.title')}
        </Title>
        <Text size="sm">{t('certificates.intro')}</Text>
        <SuccessNotice message={notice} onClose={() => setNotice(null)} />
        <QueryView query={list}>
          {(items) =>
            items.length === 0 ? (
              <Text c="dimmed">{t('certificates.empty')}</Text>
            ) : (
              <CardList label={t('certificates.listLabel')}>
                {items.map((c) => (
                  <CertificateCard key={c.id} certificate={c} onRevoke={setRevoking} />
                ))}
              </CardList>
            )
          }
        </QueryView>
        <Divider my="sm" />
        <CertificateUploadForm
          onRegistered={(c) =>
            setNotice(
              t('certificates.upload.registered', { name: certificateName(c, t('certificates.noName')) }),
            )
          }
        />
        <RevokeCertificateModal
          certificate={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            setNotice(t('certificates.revoked'));
          }}
        />
      </Stack>
    </Paper>
  );
}
