import { TextInput } from '@mantine/core';

/** A one-time code field: digits on a phone keypad, filled from an SMS/app suggestion where the OS offers. */
export function CodeInput({
  label,
  value,
  onChange,
  recovery = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  recovery?: boolean;
}) {
  return (
    <TextInput
      label={label}
      name={recovery ? 'recoveryCode' : 'code'}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      autoComplete={recovery ? 'off' : 'one-time-code'}
      inputMode={recovery ? 'text' : 'numeric'}
      pattern={recovery ? undefined : '[0-9]{6}'}
      maxLength={recovery ? 11 : 6}
      autoCapitalize="none"
      spellCheck={false}
      styles={{ input: { fontSize: '1.25rem', letterSpacing: '0.2em' } }}
      data-autofocus
    />
  );
}
