import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.js';
import { FormActions, type FormActionsProps } from './FormActions.js';
import { FormError } from './FormError.js';

export interface FormFrameProps extends Omit<FormActionsProps, 'onAction'> {
  /** The form's accessible name, where no heading names it. */
  label?: string;
  /** Called on submit; the page does not reload. */
  onSubmit: () => void;
  /** The server's refusal, shown above the buttons. */
  error?: unknown;
  /** Bring the refusal into view and focus it (long forms, where it would appear below the fold). */
  focusError?: boolean;
  children: ReactNode;
}

/** A form in the house layout: its fields, the server's refusal if any, then cancel and the main button. */
export function FormFrame({ label, onSubmit, error, focusError, children, ...actions }: FormFrameProps) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      aria-label={label}
    >
      <Stack gap="md">
        {children}
        {focusError ? <FormError error={error} /> : error ? <ErrorAlert error={error} /> : null}
        <FormActions {...actions} />
      </Stack>
    </form>
  );
}
