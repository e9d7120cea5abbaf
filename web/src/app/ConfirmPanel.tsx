import { Alert, Stack, Text, type ButtonProps } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { FormActions } from './FormActions.js';
import { FormError } from './FormError.js';
import { Icon } from './icons.js';

/**
 * What a disruptive change will do, in plain words, before anything is sent (in place of the form, inside
 * its dialog). Focus moves to the explanation so keyboard and screen-reader users read it first.
 */
export function ConfirmPanel({
  title,
  children,
  backLabel,
  confirmLabel,
  confirmColor,
  pending,
  error,
  onBack,
  onConfirm,
}: {
  title: string;
  children: ReactNode;
  backLabel: string;
  confirmLabel: string;
  confirmColor?: ButtonProps['color'];
  pending: boolean;
  error: unknown;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<Icon name="alert" />} className="cpdt-wrap">
        <Text fw={600} mb={6} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Text>
        <Stack gap={6}>{children}</Stack>
      </Alert>
      <FormError error={error} />
      <FormActions
        cancelLabel={backLabel}
        onCancel={onBack}
        holdCancel
        actionLabel={confirmLabel}
        actionColor={confirmColor}
        onAction={onConfirm}
        pending={pending}
      />
    </Stack>
  );
}
