import { describe, expect, it } from 'vitest';
import {
  formatEdxmlDate,
  formatEdxmlTimestamp,
  parseEdxmlDate,
  parseEdxmlTimestamp,
  readDate,
} from './dates.js';

describe('edXML dates', () => {
  it('reads yyyy/MM/dd days that exist, and nothing else', () => {
    expect(parseEdxmlDate('2019/01/16')).toEqual({ year: 2019, month: 1, day: 16 });
    expect(parseEdxmlDate('2014/02/30')).toBeNull();
    expect(parseEdxmlDate('2019-01-16')).toBeNull();
    expect(parseEdxmlDate(' 2019/01/16')).toBeNull();
  });

  it('reads timestamps as Vietnam time (UTC+7) and writes them back', () => {
    const t = parseEdxmlTimestamp('2018/09/28 17:25:11');
    expect(t?.toISOString()).toBe('2018-09-28T10:25:11.000Z');
    expect(formatEdxmlTimestamp(t!)).toBe('2018/09/28 17:25:11');
    expect(parseEdxmlTimestamp('2018/09/28 24:00:00')).toBeNull();
    // 20:00 UTC on 31 Dec is already 1 Jan in Hà Nội.
    expect(formatEdxmlDate(new Date('2024-12-31T20:00:00Z'))).toBe('2025/01/01');
    expect(formatEdxmlDate({ year: 2025, month: 7, day: 1 })).toBe('2025/07/01');
  });

  it('classifies what a field holds', () => {
    expect(readDate('2019/01/16', false)).toBe('ok');
    expect(readDate('2014/02/30', false)).toBe('impossible');
    expect(readDate('2019-01-16', false)).toBe('otherFormat');
    expect(readDate('16/01/2019', false)).toBe('otherFormat');
    expect(readDate('2019/01/16', true)).toBe('otherFormat');
    expect(readDate('2018/06/20 16:35:56', true)).toBe('ok');
    expect(readDate('2018/02/30 16:35:56', true)).toBe('impossible');
    expect(readDate('2025-10-14T09:01:02+07:00', true)).toBe('otherFormat');
    expect(readDate('hôm qua', false)).toBe('invalid');
    expect(readDate('null', false)).toBe('invalid');
  });
});
