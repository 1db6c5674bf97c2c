import { escapeText, fold, icsCalendar, utc } from './ics';

/** Content lines unfolded (RFC 5545 §3.1): a CRLF followed by one space or tab is removed. */
const unfold = (text: string): string[] => text.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('iCalendar', () => {
  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('writes times in UTC', () => {
    expect(utc(new Date('2027-01-15T17:30:05.123+01:00'))).toBe('20270115T163005Z');
  });

  it('folds at 75 octets without splitting a Polish letter', () => {
    const line = `SUMMARY:${'Zażółć gęślą jaźń; '.repeat(12)}`;
    const folded = fold(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      // A split multi-byte character would decode to U+FFFD.
      expect(Buffer.from(p, 'utf8').toString('utf8')).not.toContain('\ufffd');
    }
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('leaves a short line alone', () => {
    expect(fold('BEGIN:VCALENDAR')).toBe('BEGIN:VCALENDAR');
  });

  it('writes one event in a calendar, CRLF line ends', () => {
    const text = icsCalendar({
      uid: 'abc@civitas',
      stamp: new Date('2027-01-01T00:00:00Z'),
      start: new Date('2027-01-15T16:00:00Z'),
      end: new Date('2027-01-15T18:00:00Z'),
      summary: 'Spotkanie; ul. Świdnicka, sala 1',
      location: 'Urząd, pok. 12',
      url: 'https://example.pl/c/1',
      description: 'Konsultacje\nparkingu',
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(text).filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:abc@civitas',
        'DTSTAMP:20270101T000000Z',
        'DTSTART:20270115T160000Z',
        'DTEND:20270115T180000Z',
        'SUMMARY:Spotkanie\\; ul. Świdnicka\\, sala 1',
        'LOCATION:Urząd\\, pok. 12',
        'URL:https://example.pl/c/1',
        'DESCRIPTION:Konsultacje\\nparkingu',
      ]),
    );
    expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
  });
});
