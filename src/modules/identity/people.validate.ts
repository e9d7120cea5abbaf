/**
 * Checks on what administrators type into the people register. Each answers the value as stored, or throws
 * the coded error; services run them all before touching a row, so bad input changes nothing.
 */
import { dayInVietnam, formatJdn, parseIsoDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors/index.js';
import { PeopleErrors } from './people.errors.js';
import {
  EMAIL_MAX,
  LOCALES,
  PASSWORD_MAX,
  PASSWORD_MIN,
  USERNAME_MAX,
  USERNAME_MIN,
  type PersonLocale,
} from './people.model.js';
import { checkPersonalId } from './personal-id.js';

export function personInvalid(field: string, reason: string): AppError {
  return new AppError(PeopleErrors.IDENTITY_PERSON_INVALID, { field, reason });
}

/** Trimmed, single-spaced, NFC text; null when absent or blank. */
export function optionalText(
  value: unknown,
  field: string,
  max: number,
  error: (field: string, reason: string) => AppError = personInvalid,
): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw error(field, 'notText');
  const text = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (text.length > max) throw error(field, 'tooLong');
  return text === '' ? null : text;
}

export function requiredText(
  value: unknown,
  field: string,
  max: number,
  error: (field: string, reason: string) => AppError = personInvalid,
): string {
  const text = optionalText(value, field, max, error);
  if (text === null) throw error(field, 'required');
  return text;
}

export function checkUsername(value: unknown): string {
  const username = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const pattern = new RegExp(`^[a-z0-9._-]{${USERNAME_MIN},${USERNAME_MAX}}$`);
  if (!pattern.test(username)) throw new AppError(PeopleErrors.IDENTITY_PERSON_USERNAME_INVALID);
  return username;
}

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

export function checkEmail(value: unknown): string | null {
  const email = optionalText(value, 'email', EMAIL_MAX);
  if (email !== null && !EMAIL.test(email)) throw personInvalid('email', 'format');
  return email;
}

/**
 * A Vietnamese mobile number (0 or +84, then 9 digits, the first 3, 5, 7, 8 or 9), stored in international
 * form +84…, which SMS gateways route on.
 */
export function checkPhone(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new AppError(PeopleErrors.IDENTITY_PERSON_PHONE_INVALID);
  const compact = value.trim().replace(/[\s.()-]/g, '');
  if (compact === '') return null;
  const national = compact.replace(/^(\+84|0084|84(?=[0-9]{9}$)|0)/, '');
  if (!/^[35789][0-9]{8}$/.test(national)) throw new AppError(PeopleErrors.IDENTITY_PERSON_PHONE_INVALID);
  return `+84${national}`;
}

/** At least PASSWORD_MIN characters, and not built around the username (the first thing guessed). */
export function checkPassword(password: unknown, username: string): string {
  const weak = (reason: string) => new AppError(PeopleErrors.IDENTITY_PERSON_PASSWORD_WEAK, { reason });
  if (typeof password !== 'string') throw weak('notText');
  if ([...password].length < PASSWORD_MIN) throw weak('tooShort');
  if (password.length > PASSWORD_MAX) throw weak('tooLong');
  if (password.toLowerCase().includes(username.toLowerCase())) throw weak('containsUsername');
  return password;
}

export function checkLocale(value: unknown): PersonLocale {
  const locale = LOCALES.find((l) => l === value);
  if (!locale) throw personInvalid('locale', 'unknown');
  return locale;
}

/** A YYYY-MM-DD calendar day. */
export function checkDate(value: unknown, field: string): string {
  try {
    return formatJdn(parseIsoDate(String(value)));
  } catch {
    throw new AppError(PeopleErrors.IDENTITY_PERSON_DATE_INVALID, { field, reason: 'format' });
  }
}

export function optionalDate(value: unknown, field: string): string | null {
  return value === undefined || value === null || value === '' ? null : checkDate(value, field);
}

/** A validity period: from (default today) and an optional end not before it. */
export function checkPeriod(
  from: unknown,
  to: unknown,
  now: Date,
): { validFrom: string; validTo: string | null } {
  const validFrom = optionalDate(from, 'validFrom') ?? dayInVietnam(now);
  const validTo = optionalDate(to, 'validTo');
  if (validTo !== null && validTo < validFrom)
    throw new AppError(PeopleErrors.IDENTITY_PERSON_DATE_INVALID, {
      field: 'validTo',
      reason: 'beforeStart',
    });
  return { validFrom, validTo };
}

/** The personal ID (12 digits, known province, plausible year) and a birth date that agrees with it. */
export function checkPersonalIdentity(
  personalId: unknown,
  birthDate: unknown,
  now: Date,
): { personalId: string | null; birthDate: string | null } {
  const birth = optionalDate(birthDate, 'birthDate');
  if (birth !== null && birth > dayInVietnam(now))
    throw new AppError(PeopleErrors.IDENTITY_PERSON_DATE_INVALID, { field: 'birthDate', reason: 'future' });
  if (personalId === undefined || personalId === null || personalId === '')
    return { personalId: null, birthDate: birth };
  const id = typeof personalId === 'string' ? personalId.trim().replace(/\s/g, '') : '';
  const result = checkPersonalId(id, now, birth);
  if (!result.ok) throw new AppError(PeopleErrors.IDENTITY_PERSONAL_ID_INVALID, { problem: result.problem });
  return { personalId: id, birthDate: birth };
}
