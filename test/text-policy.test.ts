/**
 * The text policy (functions/domain/text-policy.ts), class by class: what line text (titles,
 * names, headings, reasons) and body text refuse, with an example code point of each class, and
 * the text of the six languages they must take unchanged.
 */
import { describe, expect, it } from 'vitest';
import {
  bodyText,
  lineText,
  refusedCharacters,
  type TextKind,
  textPolicyMessage,
} from '../functions/domain/text-policy.ts';

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** [what, character, refused in line text, refused in body text] */
const CASES: [string, string, boolean, boolean][] = [
  // C0 and C1 controls.
  ['NULL', '\u0000', true, true],
  ['ALERT (BEL)', '\u0007', true, true],
  ['BACKSPACE', '\u0008', true, true],
  ['LINE TABULATION', '\u000B', true, true],
  ['FORM FEED', '\u000C', true, true],
  ['ESCAPE', '\u001B', true, true],
  ['INFORMATION SEPARATOR ONE', '\u001F', true, true],
  ['DELETE', '\u007F', true, true],
  ['PADDING CHARACTER (C1)', '\u0080', true, true],
  ['NEXT LINE (C1)', '\u0085', true, true],
  ['APPLICATION PROGRAM COMMAND (C1)', '\u009F', true, true],
  // Tab and line ends: one line in a title, lines in a body.
  ['CHARACTER TABULATION', '\t', true, false],
  ['LINE FEED', '\n', true, false],
  ['CARRIAGE RETURN', '\r', true, false],
  ['LINE SEPARATOR', '\u2028', true, false],
  ['PARAGRAPH SEPARATOR', '\u2029', true, false],
  // Bidi overrides and embeddings: refused everywhere.
  ['LEFT-TO-RIGHT EMBEDDING', '\u202A', true, true],
  ['RIGHT-TO-LEFT EMBEDDING', '\u202B', true, true],
  ['POP DIRECTIONAL FORMATTING', '\u202C', true, true],
  ['LEFT-TO-RIGHT OVERRIDE', '\u202D', true, true],
  ['RIGHT-TO-LEFT OVERRIDE', '\u202E', true, true],
  // Isolates and marks: bidi-js honours them in a body; a title takes its language's direction.
  ['LEFT-TO-RIGHT ISOLATE', '\u2066', true, false],
  ['RIGHT-TO-LEFT ISOLATE', '\u2067', true, false],
  ['FIRST STRONG ISOLATE', '\u2068', true, false],
  ['POP DIRECTIONAL ISOLATE', '\u2069', true, false],
  ['LEFT-TO-RIGHT MARK', '\u200E', true, false],
  ['RIGHT-TO-LEFT MARK', '\u200F', true, false],
  ['ARABIC LETTER MARK', '\u061C', true, false],
  // Joiners shape Arabic and Indic text (HarfBuzz); ZWSP and WJ steer the line breaker.
  ['ZERO WIDTH NON-JOINER', '\u200C', true, false],
  ['ZERO WIDTH JOINER', '\u200D', true, false],
  ['ZERO WIDTH SPACE', '\u200B', true, false],
  ['WORD JOINER', '\u2060', true, false],
  ['VARIATION SELECTOR-16', '\uFE0F', true, false],
  // Invisible characters the typesetter has no use for.
  ['FUNCTION APPLICATION', '\u2061', true, true],
  ['INVISIBLE TIMES', '\u2062', true, true],
  ['INVISIBLE PLUS', '\u2064', true, true],
  ['INHIBIT SYMMETRIC SWAPPING (deprecated)', '\u206A', true, true],
  ['ZERO WIDTH NO-BREAK SPACE (BOM)', '\uFEFF', true, true],
  ['SOFT HYPHEN', '\u00AD', true, true],
  ['COMBINING GRAPHEME JOINER', '\u034F', true, true],
  ['MONGOLIAN VOWEL SEPARATOR', '\u180E', true, true],
  ['HANGUL FILLER', '\u3164', true, true],
  ['HALFWIDTH HANGUL FILLER', '\uFFA0', true, true],
  ['INTERLINEAR ANNOTATION ANCHOR', '\uFFF9', true, true],
  ['LANGUAGE TAG', '\u{E0001}', true, true],
  ['TAG LATIN SMALL LETTER A', '\u{E0061}', true, true],
  ['CANCEL TAG', '\u{E007F}', true, true],
  // Visible format characters: not in a title; in a body, the font check decides.
  ['ARABIC NUMBER SIGN', '\u0600', true, false],
  ['ARABIC END OF AYAH', '\u06DD', true, false],
  // Not characters to interchange.
  ['private use (BMP)', '\uE000', true, true],
  ['private use (plane 15)', '\u{F0000}', true, true],
  ['noncharacter U+FDD0', '\uFDD0', true, true],
  ['noncharacter U+FFFE', '\uFFFE', true, true],
  ['noncharacter U+FFFF', '\uFFFF', true, true],
  ['noncharacter U+1FFFF', '\u{1FFFF}', true, true],
  ['noncharacter U+10FFFF', '\u{10FFFF}', true, true],
  ['lone high surrogate', '\uD800', true, true],
  ['lone low surrogate', '\uDFFF', true, true],
];

describe.each(CASES)('%s', (_what, char, inLine, inBody) => {
  const text = `Ab ${char} cd`;
  const cp = char.codePointAt(0) ?? 0;
  it.each([
    ['line', inLine],
    ['body', inBody],
  ] as [TextKind, boolean][])('in %s text: refused %s', (kind, refused) => {
    const found = refusedCharacters(text, kind);
    expect(found.map((f) => f.codePoint)).toEqual(refused ? [cp] : []);
    const message = textPolicyMessage(text, kind);
    if (refused)
      expect(message).toMatch(new RegExp(`^contains ${hex(cp).replace('+', '\\+')}.* at position 4: `));
    else expect(message).toBeUndefined();
  });
});

/** Text of the six languages, and characters both kinds must take as they are. */
const ALLOWED: [string, string][] = [
  ['English with typographic punctuation', 'Letter dated 30 May 2025 — “Peacekeeping”, A/79/923–S/2025/341'],
  ['French with no-break spaces', 'Lettre datée du 30 mai 2025\u00a0: « opérations »\u202f;'],
  ['Spanish', 'Carta de fecha 30 de mayo de 2025 dirigida al Secretario General'],
  ['Russian', 'Письмо от 30 мая 2025 года на имя Генерального секретаря'],
  ['Chinese', '2025年5月30日德国常驻联合国代表给秘书长的信'],
  ['Arabic with Latin and digits', 'رسالة مؤرخة 30 أيار/مايو 2025 (A/79/923) موجهة إلى الأمين العام'],
  ['combining marks (decomposed é, Arabic harakat)', 'Re\u0301sume\u0301 مُحَمَّد'],
  ['emoji (the font check, not the policy, decides)', 'Emoji 😀 and 👍🏽'],
  ['ideographic space and no-break spaces', '大\u3000会\u00a0A'],
  ['a supplementary-plane Han character', '𠀀'],
];

describe.each(ALLOWED)('%s', (_what, text) => {
  it('passes as line text and as body text', () => {
    expect(refusedCharacters(text, 'line')).toEqual([]);
    expect(refusedCharacters(text, 'body')).toEqual([]);
  });
});

describe('body text', () => {
  it('takes Persian and Arabic with ZWNJ, Hindi with ZWJ, isolates around a Latin name', () => {
    const body = [
      'می\u200cخواهم',
      'क्\u200dष',
      'تحدث \u2068Antje Leendertse\u2069 في الاجتماع.\u200f',
      'Line one\r\nline two\n\n\tindented',
    ].join('\n');
    expect(refusedCharacters(body, 'body')).toEqual([]);
    expect(refusedCharacters(body, 'line').map((r) => r.codePoint)).toContain(0x200c);
  });
});

describe('the message', () => {
  it('names the character, counts positions in characters and says how many more', () => {
    expect(textPolicyMessage('Abc😀\u202Eevil', 'line')).toBe(
      "contains U+202E RIGHT-TO-LEFT OVERRIDE at position 5: a bidi control, which can change the order the text displays in; a title, name or label takes its language's direction",
    );
    expect(textPolicyMessage('a\u0007b\u001bc\u0000', 'body')).toBe(
      'contains U+0007 ALERT at position 2: a control character; only tab and newline are allowed (and 2 more refused characters)',
    );
    expect(textPolicyMessage('x\u{E0001}', 'line')).toMatch(
      /^contains U\+E0001 at position 2: an invisible character/,
    );
    expect(textPolicyMessage('x\uD800y', 'body')).toBe(
      'contains U+D800 at position 2: an unpaired surrogate, which is not a character',
    );
  });
});

describe('the zod building blocks', () => {
  it('refuse with the policy message and the limit', () => {
    const title = lineText({ max: 10 });
    expect(title.safeParse('Lettre').success).toBe(true);
    expect(title.safeParse('0123456789X').success).toBe(false);
    const refused = title.safeParse('A\u202Eb');
    expect(refused.success ? [] : refused.error.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('U+202E RIGHT-TO-LEFT OVERRIDE at position 2'),
    ]);
    const body = bodyText({ max: 100 });
    expect(body.safeParse('Para one.\n\nمی\u200cخواهم').success).toBe(true);
    expect(body.safeParse('Bell\u0007').success).toBe(false);
  });

  // One native scan takes about 1–40 ms for each of these; the bound, loose for a shared machine,
  // fails a per-character scan (a regex test per character took 169 ms for 300,000 controls).
  it('reads a request-sized text in one scan, refused characters or not', () => {
    const texts: [string, TextKind][] = [
      [`${'Lorem ipsum dolor sit amet. '.repeat(10_714)}\u202E`, 'body'],
      ['می\u200cخواهم '.repeat(100_000), 'body'],
      ['\u0007'.repeat(1_000_000), 'line'],
      [`${'😀'.repeat(250_000)}\u200C`, 'line'],
    ];
    for (const [text, kind] of texts) {
      const started = performance.now();
      textPolicyMessage(text, kind);
      expect(performance.now() - started).toBeLessThan(250);
    }
    expect(textPolicyMessage('\u0007'.repeat(1_000_000), 'line')).toMatch(
      /\(and more than 99 more refused characters\)$/,
    );
    expect(textPolicyMessage(`${'😀'.repeat(250_000)}\u200C`, 'line')).toMatch(/ at position 250001: /);
  });
});
