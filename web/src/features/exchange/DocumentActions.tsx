import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_ACTIONS, type DocumentAction, type DocumentDetail } from './exchange.api.js';
import { StepModal } from './StepModal.js';

/** The steps the server says this caller may take now, in the order of the process; each opens its dialog. */
export function DocumentActions({
  document: d,
  onDone,
}: {
  document: DocumentDetail;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<DocumentAction | null>(null);
  const actions = DOCUMENT_ACTIONS.filter((a) => d.actions.includes(a));
  if (actions.length === 0) return null;
  const disruptive = (a: DocumentAction) => a === 'reject' || a === 'refuse' || a === 'recall';
  return (
    <>
      <Group gap="sm" role="group" aria-label={t('exchange.actions.label')}>
        {actions.map((a) => (
          <Button
            key={a}
            variant={disruptive(a) ? 'outline' : 'filled'}
            color={disruptive(a) ? 'red.9' : undefined}
            onClick={() => setOpen(a)}
          >
            {t(`exchange.actions.${a}`)}
          </Button>
        ))}
      </Group>
      {open ? (
        <StepModal
          document={d}
          action={open}
          onClose={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            onDone(message);
          }}
        />
      ) : null}
    </>
  );
}
