import { Button, FileInput, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { certificateFileText, useRegisterCertificate, type Certificate } from './certificates.api.js';

const LABEL_MAX = 100;

/**
 * Register a certificate: pick a file (its content lands in the text box, so what is sent is what is seen)
 * or paste PEM text; an optional label.
 */
export function CertificateUploadForm({ onRegistered }: { onRegistered: (c: Certificate) => void }) {
  const { t } = useTranslation();
  const register = useRegisterCertificate();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [pem, setPem] = useState('');
  const [label, setLabel] = useState('');
  const [missing, setMissing] = useState(false);

  const pick = (chosen: File | null) => {
    setFile(chosen);
    setFileError(null);
    if (!chosen) return;
    certificateFileText(chosen).then(
      (text) => {
        setPem(text);
        setMissing(false);
      },
      () => setFileError(t('certificates.upload.readFailed')),
    );
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pem.trim() === '') {
      setMissing(true);
      return;
    }
    register.mutate(
      { pem, ...(label.trim() ? { label: label.trim() } : {}) },
      {
        onSuccess: (created) => {
          setFile(null);
          setPem('');
          setLabel('');
          onRegistered(created);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-labelledby="certificate-upload-title" noValidate>
      <Stack gap="sm">
        <Title order={3} size="h4" id="certificate-upload-title">
          {t('certificates.upload.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('certificates.upload.intro')}
        </Text>
        <FileInput
          label={t('certificates.upload.file')}
          placeholder={t('certificates.upload.filePlaceholder')}
          description={t('certificates.upload.fileHint')}
          accept=".pem,.crt,.cer,application/x-x509-ca-cert,application/pkix-cert"
          value={file}
          onChange={pick}
          clearable
          error={fileError}
        />
        <Textarea
          label={t('certificates.upload.pem')}
          placeholder={t('certificates.upload.pemPlaceholder')}
          value={pem}
          onChange={(e) => {
            setPem(e.currentTarget.value);
            if (e.currentTarget.value.trim()) setMissing(false);
          }}
          autosize
          minRows={4}
          maxRows={12}
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          error={missing ? t('certificates.upload.required') : null}
        />
        <TextInput
          label={t('certificates.upload.label')}
          placeholder={t('certificates.upload.labelPlaceholder')}
          value={label}
          maxLength={LABEL_MAX}
          onChange={(e) => setLabel(e.currentTarget.value)}
        />
        {register.isError ? <ErrorAlert error={register.error} /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={register.isPending}>
            {t('certificates.upload.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
