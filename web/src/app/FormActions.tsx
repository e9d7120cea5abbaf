import { Button, Group, type ButtonProps } from '@mantine/core';

export interface FormActionsProps {
  cancelLabel: string;
  onCancel: () => void;
  /** The main button. */
  actionLabel: string;
  /** Absent: the main button submits the form around it. */
  onAction?: () => void;
  pending?: boolean;
  actionDisabled?: boolean;
  actionColor?: ButtonProps['color'];
  /** Cancel waits while the request runs: once sent, a change cannot be called back. */
  holdCancel?: boolean;
  /** The main button takes focus when a dialog opens: the question is there to be answered. */
  focusAction?: boolean;
}

/** A form's or a question's buttons: cancel, then the main action, at the end of the line. */
export function FormActions({
  cancelLabel,
  onCancel,
  actionLabel,
  onAction,
  pending,
  actionDisabled,
  actionColor,
  holdCancel,
  focusAction,
}: FormActionsProps) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={holdCancel ? pending : undefined}>
        {cancelLabel}
      </Button>
      <Button
        type={onAction ? 'button' : 'submit'}
        color={actionColor}
        loading={pending}
        disabled={actionDisabled}
        onClick={onAction}
        data-autofocus={focusAction || undefined}
      >
        {actionLabel}
      </Button>
    </Group>
  );
}
