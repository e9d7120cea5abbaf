import { Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { agencyCodeHint, AGENCY_CODE_MAX_LENGTH, type AgencyCodeHint } from './agency-code-hint.js';

const TONE = {
  neutral: 'var(--mantine-color-dimmed)',
  ok: 'var(--mantine-color-green-light-color)',
  warn: 'var(--mantine-color-orange-light-color)',
  bad: 'var(--mantine-color-error)',
} as const;

function useHintText(): (hint: AgencyCodeHint, typed: string) => { text: string; tone: keyof typeof TONE } {
  const { t } = useTranslation();
  return (hint, typed) => {
    switch (hint.kind) {
      case 'empty':
        return { text: t('agencies.code.hintEmpty'), tone: 'neutral' };
      case 'standard': {
        const levels = t('agencies.code.hintStandard', hint);
        const written = hint.code !== typed ? ` ${t('agencies.code.hintWritten', { code: hint.code })}` : '';
        return { text: levels + written, tone: 'ok' };
      }
      case 'extended':
        return { text: t('agencies.code.hintExtended', { max: AGENCY_CODE_MAX_LENGTH }), tone: 'warn' };
      case 'tooLong':
        return { text: t('agencies.code.hintTooLong', { max: AGENCY_CODE_MAX_LENGTH }), tone: 'bad' };
      case 'characters':
        return { text: t('agencies.code.hintCharacters'), tone: 'bad' };
      case 'format':
        return { text: t('agencies.code.hintFormat'), tone: 'bad' };
    }
  };
}

/**
 * The identifier code with a live hint of the QĐ 20/2020 rules. Only a hint: what was typed is sent as
 * it is, and the server's coded error decides.
 */
export function AgencyCodeInput({
  label,
  value,
  onChange,
  required,
  error,
}: {
  label: string;
  value: string;
  onChange: (code: string) => void;
  required?: boolean;
  error?: string;
}) {
  const hintText = useHintText();
  const hint = hintText(agencyCodeHint(value), value);
  return (
    <TextInput
      label={label}
      required={required}
      error={error}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      autoComplete="off"
      spellCheck={false}
      autoCapitalize="characters"
      placeholder="000.00.00.G22"
      styles={{ input: { fontFamily: 'monospace' } }}
      description={
        <Text component="span" size="xs" style={{ color: TONE[hint.tone] }} data-testid="agency-code-hint">
          {hint.text}
        </Text>
      }
    />
  );
}
