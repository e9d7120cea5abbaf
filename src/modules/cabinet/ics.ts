/**
 * iCalendar (RFC 5545) invitations with iTIP methods (RFC 5546): REQUEST for an invitation or an update (a
 * higher SEQUENCE replaces the earlier one in the reader's calendar because the UID stays the same), CANCEL
 * when the meeting is called off. Times in UTC so no VTIMEZONE is needed.
 */

export interface IcsEvent {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location?: string | null | undefined;
  description?: string | null | undefined;
  url?: string | null | undefined;
  organizer?: { name: string; email: string } | undefined;
  attendee?: { name: string; email: string } | undefined;
}

/** 19970714T173000Z */
export function icsUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon and comma escaped, line breaks as \n (RFC 5545 §3.3.11). */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=…): quoted, since names carry commas and colons; DQUOTE itself is not allowed. */
function paramValue(s: string): string {
  return `"${s.replace(/["\r\n]/g, '')}"`;
}

/**
 * Lines longer than 75 octets are folded: CRLF then one space (§3.1), never inside a UTF-8 sequence (a
 * Vietnamese letter is 2–3 octets).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? 75 : 74; // continuation lines begin with the space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function buildIcs(e: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//CPDT//e-Cabinet//VI',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${icsUtc(e.stamp)}`,
    `DTSTART:${icsUtc(e.start)}`,
    `DTEND:${icsUtc(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    ...(e.url ? [`URL:${e.url}`] : []),
    ...(e.organizer ? [`ORGANIZER;CN=${paramValue(e.organizer.name)}:mailto:${e.organizer.email}`] : []),
    ...(e.attendee
      ? [
          `ATTENDEE;CN=${paramValue(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:${e.attendee.email}`,
        ]
      : []),
    `STATUS:${e.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Unfolds and splits into [name;params, value] pairs, with TEXT unescaped (tests and readers of our own files). */
export function parseIcs(text: string): { name: string; params: string; value: string }[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      let colon = 0;
      for (let quoted = false; colon < line.length; colon++) {
        if (line[colon] === '"') quoted = !quoted;
        else if (line[colon] === ':' && !quoted) break;
      }
      const head = line.slice(0, colon);
      const [name = '', ...params] = head.split(';');
      const raw = line.slice(colon + 1);
      const value = raw.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
      return { name, params: params.join(';'), value };
    });
}
