import { Button, FileInput, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { PAPER_FILE_ACCEPT, useUploadVersion, type Paper } from './papers.api.js';

/** Upload the next version of a paper; a file of another type gets the server's coded refusal. */
export function PaperUpload({
  meetingId,
  paper,
  notify,
}: {
  meetingId: string;
  paper: Paper;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const upload = useUploadVersion(meetingId, paper.id);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const submit = () => {
    if (!file) return;
    upload.mutate(
      { file, note },
      {
        onSuccess: (version) => {
          notify(t('cabinetPapers.upload.done', { version: version.version, title: paper.title }));
          setFile(null);
          setNote('');
        },
      },
    );
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      aria-label={t('cabinetPapers.upload.submit')}
    >
      <Stack gap="xs">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <FileInput
            label={t('cabinetPapers.upload.file')}
            accept={PAPER_FILE_ACCEPT}
            value={file}
            onChange={setFile}
            clearable
            style={{ flex: '1 1 14rem' }}
          />
          <TextInput
            label={t('cabinetPapers.upload.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={2000}
            style={{ flex: '1 1 12rem' }}
          />
          <Button type="submit" disabled={!file} loading={upload.isPending}>
            {t('cabinetPapers.upload.submit')}
          </Button>
        </Group>
        {upload.error ? <ErrorAlert error={upload.error} /> : null}
      </Stack>
    </form>
  );
}
