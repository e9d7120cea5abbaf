/**
 * Addresses as the transports need them. Phone numbers are stored in international form (+84…):
 * SMS gateways route on it, and "0912…", "+84 912…" and "84912…" are then the same recipient.
 */
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

export function normaliseEmail(input: string): string | null {
  const email = input.trim();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** Vietnamese national numbers (leading 0) become +84; other countries must be given with their code. */
export function normalisePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s.()-]/g, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (compact.startsWith('0')) digits = `84${compact.slice(1)}`;
  else digits = compact;
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
}
