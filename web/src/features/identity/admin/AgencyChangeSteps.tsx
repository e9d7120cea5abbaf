import { Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmPanel } from '../../../app/ConfirmPanel.js';
import { FormFrame } from '../../../app/FormFrame.js';

/** The request that makes the change: only its state is needed here. */
interface ChangeRequest {
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

/**
 * A change to the registry in two steps: the form, then what will happen in plain words, confirmed before
 * anything is sent. Back from the second step keeps what was typed.
 */
export function AgencyChangeSteps({
  label,
  intro,
  request,
  showError = true,
  ready = () => true,
  onCancel,
  confirmTitle,
  confirmLabel,
  explanation,
  onConfirm,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  intro: string;
  request: ChangeRequest;
  /** The form step shows the last refusal (after going back from the second step). */
  showError?: boolean;
  /** Checked on "Next": false keeps the form (it shows its own hints). */
  ready?: () => boolean;
  onCancel: () => void;
  confirmTitle: string;
  confirmLabel: string;
  explanation: ReactNode;
  onConfirm: () => void;
  /** The form's fields. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');

  if (step === 'confirm')
    return (
      <ConfirmPanel
        title={confirmTitle}
        backLabel={t('agencies.form.back')}
        confirmLabel={confirmLabel}
        pending={request.isPending}
        error={request.error}
        onBack={() => setStep('edit')}
        onConfirm={onConfirm}
      >
        {explanation}
      </ConfirmPanel>
    );

  return (
    <FormFrame
      label={label}
      onSubmit={() => {
        if (!ready()) return;
        request.reset();
        setStep('confirm');
      }}
      error={showError ? request.error : undefined}
      focusError={showError}
      cancelLabel={t('agencies.form.cancel')}
      onCancel={onCancel}
      actionLabel={t('agencies.form.next')}
    >
      <Text size="sm">{intro}</Text>
      {children}
    </FormFrame>
  );
}
