import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../platform/calendar/index.js';
import { codeOf } from '../../../test/support/errors.js';
import { buildIcs, escapeText, foldLine, parseIcs } from './ics.js';
import { checkRules, meetingDay, papersDueOn, quorumRequired } from './rules.js';
import { GOVERNMENT_PROFILE, ORDINARY_PROFILE, SEEDED_PROFILES } from './rules.seed.js';

const gov = SEEDED_PROFILES.find((p) => p.code === GOVERNMENT_PROFILE)!;
const ordinary = SEEDED_PROFILES.find((p) => p.code === ORDINARY_PROFILE)!;

describe('rule profiles', () => {
  it('seeds the Government and ordinary-meeting profiles with valid rules and their legal basis', () => {
    expect(checkRules(gov.rules)).toEqual(gov.rules);
    expect(gov.rules).toMatchObject({
      quorum: { numerator: 2, denominator: 3 },
      pass: { op: '>', numerator: 1, denominator: 2, base: 'total' },
      tieBreak: 'chair_prevails',
      substituteCanVote: false,
      ballotNonResponse: 'not_counted',
      deadlines: { papersBefore: 5, conclusionAfter: 5, ballotMin: 2, ballotMax: 5 },
    });
    expect(gov.legalBasis.some((b) => !b.verified && b.instrument.includes('2026'))).toBe(true);
    expect(ordinary.rules.deadlines).toMatchObject({ papersBefore: 3, conclusionAfter: 5 });
    expect(ordinary.legalBasis.some((b) => !b.verified)).toBe(true); // the defaults say they are defaults
  });

  it('refuses rules that make no sense', () => {
    const bad = (change: object) => codeOf(() => checkRules({ ...gov.rules, ...change }));
    expect(bad({ quorum: { numerator: 3, denominator: 2 } })).toBe('CABINET_RULES_INVALID');
    expect(bad({ deadlines: { ...gov.rules.deadlines, ballotMin: 6 } })).toBe('CABINET_RULES_INVALID');
    expect(bad({ deadlines: { ...gov.rules.deadlines, papersBefore: -1 } })).toBe('CABINET_RULES_INVALID');
    expect(bad({ tieBreak: 'coin_toss' })).toBe('CABINET_RULES_INVALID');
    expect(bad({ secret: true })).toBe('CABINET_RULES_INVALID');
    expect(bad({})).toBe('no error');
  });

  it('counts the quorum of seated members: 2/3 of 27 is 18, of 4 is 3', () => {
    expect(quorumRequired(27, gov.rules)).toBe(18);
    expect(quorumRequired(4, gov.rules)).toBe(3);
    expect(quorumRequired(3, gov.rules)).toBe(2);
  });
});

describe('papers due before a meeting, in working days', () => {
  const calendar = new WorkingCalendar();

  it('skips the Tết 2027 break (Fri 5 – Thu 11 February)', () => {
    const monday = new Date('2027-02-15T01:00:00Z'); // 08:00 in Hà Nội
    expect(papersDueOn(calendar, monday, 5)).toBe('2027-02-01');
    expect(papersDueOn(calendar, monday, 3)).toBe('2027-02-03');
    // the same rule far from any holiday: exactly one calendar week
    expect(papersDueOn(calendar, new Date('2027-03-15T01:00:00Z'), 5)).toBe('2027-03-08');
    // and forward again: 5 working days after the due day is the meeting day
    expect(calendar.addWorkingDays('2027-02-01', 5).date).toBe('2027-02-15');
  });

  it('takes the meeting day in Vietnam time, not UTC', () => {
    const early = new Date('2027-02-14T23:30:00Z'); // 06:30 on Monday 15 February in Hà Nội
    expect(meetingDay(early)).toBe('2027-02-15');
    expect(papersDueOn(calendar, early, 5)).toBe('2027-02-01');
  });
});

describe('iCalendar', () => {
  it('escapes text and folds long lines at 75 octets without splitting a letter', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'Phiên họp Chính phủ thường kỳ '.repeat(6)}`;
    const folded = foldLine(long);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
  });

  it('round-trips an invitation', () => {
    const ics = buildIcs({
      method: 'REQUEST',
      uid: 'cabinet-meeting-1@cpdt',
      sequence: 3,
      stamp: new Date('2027-01-04T02:00:00Z'),
      start: new Date('2027-02-15T01:00:00Z'),
      end: new Date('2027-02-15T04:30:00Z'),
      summary: 'Họp: "A", B; C',
      description: 'Dòng 1\nDòng 2',
      organizer: { name: 'CPĐT, Văn phòng', email: 'no-reply@cpdt.gov.vn' },
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    const props = parseIcs(ics);
    const get = (n: string) => props.find((p) => p.name === n);
    expect(get('DTSTART')?.value).toBe('20270215T010000Z');
    expect(get('SEQUENCE')?.value).toBe('3');
    expect(get('SUMMARY')?.value).toBe('Họp: "A", B; C');
    expect(get('DESCRIPTION')?.value).toBe('Dòng 1\nDòng 2');
    expect(get('ORGANIZER')).toMatchObject({
      params: 'CN="CPĐT, Văn phòng"',
      value: 'mailto:no-reply@cpdt.gov.vn',
    });
  });
});
