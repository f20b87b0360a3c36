/**
 * What characters text may hold when it comes in, for every field the API takes. Two kinds:
 *
 * - Line text (titles, names, headings, reasons, labels, keys): one line of visible text. No
 *   control character at all (Cc, tab and newline included), no format character (Cf: bidi
 *   controls, joiners, the BOM, soft hyphens, tags), nothing default-ignorable (zero-width and
 *   filler characters, variation selectors), no line or paragraph separator, no private-use
 *   character, unpaired surrogate or noncharacter. Such a text displays as what it says, in a PDF,
 *   a feed reader or a list alike. The bidi marks (LRM, RLM, ALM) are refused too: Distr sets each
 *   title in its language's direction, and the bidi algorithm (with bracket pairing) orders an
 *   Arabic title holding a Latin symbol or digits without them; elsewhere, in a reader that guesses
 *   the direction, an invisible mark can move the slashes and digits of a symbol.
 * - Body text (letter and annex bodies): tab, newline and carriage return are allowed, and the
 *   invisible characters the typesetter honours: ZWNJ and ZWJ (HarfBuzz shapes Arabic, Persian and
 *   Indic text with them), the bidi marks and isolates (bidi-js applies the bidi algorithm to each
 *   paragraph), ZWSP and WORD JOINER (the line breaker's break and no-break), and variation
 *   selectors (HarfBuzz picks the font's variant). Visible format characters (the Arabic number
 *   signs) are left to the font check. Bidi overrides and embeddings are refused: they print text
 *   in an order other than the one it is stored in, so what is read, searched or copied differs
 *   from what is seen, and isolates do what embeddings do without leaking. A soft hyphen is refused
 *   because Distr does not hyphenate: the line would break inside a word with no hyphen printed.
 *
 * Unassigned code points are not refused here: which ones are unassigned depends on the Unicode
 * version of Node's ICU, and typeset text is checked against the pinned fonts (typesettable.ts),
 * which have no glyph for any. Noncharacters, surrogates and the private-use areas are fixed by the
 * Unicode stability policy, so the outcome does not change with Node.
 */
import { z } from 'zod';

export type TextKind = 'line' | 'body';

/** Every character each kind refuses (a body takes back the invisibles the typesetter honours). */
const REFUSED: Record<TextKind, RegExp> = {
  line: /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}]/gv,
  body: /[[\p{Cc}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\uFFF9-\uFFFB]--[\t\n\r\u200B-\u200F\u061C\u2060\u2066-\u2069\p{Variation_Selector}]]/gv,
};

/** Unicode names (or, for controls, their formal aliases) of the characters refused most often. */
const C0_NAMES = [
  'NULL',
  'START OF HEADING',
  'START OF TEXT',
  'END OF TEXT',
  'END OF TRANSMISSION',
  'ENQUIRY',
  'ACKNOWLEDGE',
  'ALERT',
  'BACKSPACE',
  'CHARACTER TABULATION',
  'LINE FEED',
  'LINE TABULATION',
  'FORM FEED',
  'CARRIAGE RETURN',
  'SHIFT OUT',
  'SHIFT IN',
  'DATA LINK ESCAPE',
  'DEVICE CONTROL ONE',
  'DEVICE CONTROL TWO',
  'DEVICE CONTROL THREE',
  'DEVICE CONTROL FOUR',
  'NEGATIVE ACKNOWLEDGE',
  'SYNCHRONOUS IDLE',
  'END OF TRANSMISSION BLOCK',
  'CANCEL',
  'END OF MEDIUM',
  'SUBSTITUTE',
  'ESCAPE',
  'INFORMATION SEPARATOR FOUR',
  'INFORMATION SEPARATOR THREE',
  'INFORMATION SEPARATOR TWO',
  'INFORMATION SEPARATOR ONE',
];

const NAMES: Record<number, string> = {
  127: 'DELETE',
  133: 'NEXT LINE',
  173: 'SOFT HYPHEN',
  847: 'COMBINING GRAPHEME JOINER',
  1564: 'ARABIC LETTER MARK',
  4447: 'HANGUL CHOSEONG FILLER',
  4448: 'HANGUL JUNGSEONG FILLER',
  6158: 'MONGOLIAN VOWEL SEPARATOR',
  8203: 'ZERO WIDTH SPACE',
  8204: 'ZERO WIDTH NON-JOINER',
  8205: 'ZERO WIDTH JOINER',
  8206: 'LEFT-TO-RIGHT MARK',
  8207: 'RIGHT-TO-LEFT MARK',
  8232: 'LINE SEPARATOR',
  8233: 'PARAGRAPH SEPARATOR',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8288: 'WORD JOINER',
  8289: 'FUNCTION APPLICATION',
  8290: 'INVISIBLE TIMES',
  8291: 'INVISIBLE SEPARATOR',
  8292: 'INVISIBLE PLUS',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
  12644: 'HANGUL FILLER',
  65279: 'ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)',
  65440: 'HALFWIDTH HANGUL FILLER',
  65529: 'INTERLINEAR ANNOTATION ANCHOR',
  65530: 'INTERLINEAR ANNOTATION SEPARATOR',
  65531: 'INTERLINEAR ANNOTATION TERMINATOR',
};

const nameOf = (cp: number): string | undefined => (cp < 0x20 ? C0_NAMES[cp] : NAMES[cp]);

const is = (re: RegExp, char: string) => re.test(char);

/** Why `char` (one the kind refuses) is refused, in a few words a mission can act on. */
function reasonFor(char: string, cp: number, kind: TextKind): string {
  if (cp >= 0xd800 && cp <= 0xdfff) return 'an unpaired surrogate, which is not a character';
  if (is(/\p{Noncharacter_Code_Point}/u, char)) return 'a noncharacter, which is not for interchange';
  if (is(/\p{Co}/u, char)) return 'a private-use character, which has no agreed meaning';
  if (is(/\p{Cc}/u, char)) {
    return kind === 'line'
      ? 'a control character; this field is one line of text'
      : 'a control character; only tab and newline are allowed';
  }
  if (is(/[\p{Zl}\p{Zp}]/u, char)) return 'a line break; this field is one line of text';
  if (cp === 0xad) return 'Distr does not hyphenate, so a soft hyphen would break a word without a hyphen';
  if (is(/\p{Bidi_Control}/u, char)) {
    return kind === 'line'
      ? "a bidi control, which can change the order the text displays in; a title, name or label takes its language's direction"
      : 'a bidi override or embedding prints text in an order other than the one it is stored in; use an isolate (U+2066 to U+2069) or a mark (U+200E, U+200F)';
  }
  return kind === 'line'
    ? 'an invisible character, so the text would not read as it displays'
    : 'an invisible character the typesetter does not use, so the text would not read as it displays';
}

/** A character `text` may not hold, where it is. */
export interface RefusedCharacter {
  codePoint: number;
  /** Counted in characters (code points) from 1, as an editor counts them. */
  position: number;
  reason: string;
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** Code points in `text` from `from` to `to` (UTF-16 indices). */
const codePointsBetween = (text: string, from: number, to: number): number => {
  let count = 0;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    // A low surrogate after a high one is the second half of one character.
    if (!(unit >= 0xdc00 && unit <= 0xdfff && i > from && isHigh(text.charCodeAt(i - 1)))) count++;
  }
  return count;
};
/**
 * The characters of `text` its kind refuses, in order (at most `limit`). One native scan each:
 * a 300,000-character body is read in milliseconds, refused characters or not.
 */
export function refusedCharacters(text: string, kind: TextKind, limit = Infinity): RefusedCharacter[] {
  const found: RefusedCharacter[] = [];
  let position = 0;
  let at = 0;
  for (const match of text.matchAll(REFUSED[kind])) {
    const char = match[0];
    position += codePointsBetween(text, at, match.index) + 1;
    at = match.index + char.length;
    const codePoint = char.codePointAt(0) ?? 0;
    found.push({ codePoint, position, reason: reasonFor(char, codePoint, kind) });
    if (found.length >= limit) break;
  }
  return found;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const MORE_COUNTED = 100;

/** `contains U+202E RIGHT-TO-LEFT OVERRIDE at position 5: …` (and how many more), or undefined. */
export function textPolicyMessage(text: string, kind: TextKind): string | undefined {
  const [first] = refusedCharacters(text, kind, 1);
  if (!first) return undefined;
  const name = nameOf(first.codePoint);
  // Counted up to a point: a megabyte of refused characters should not cost more than one.
  let counted = 0;
  for (const _ of text.matchAll(REFUSED[kind])) if (++counted > MORE_COUNTED) break;
  const more = counted - 1;
  const howMany = more > MORE_COUNTED - 1 ? `more than ${MORE_COUNTED - 1}` : String(more);
  return `contains ${hex(first.codePoint)}${name ? ` ${name}` : ''} at position ${first.position}: ${first.reason}${more > 0 ? ` (and ${howMany} more refused character${more > 1 ? 's' : ''})` : ''}`;
}

/** zod refinement for line text: `z.string().superRefine(linePolicy)`. */
export const linePolicy = (text: string, ctx: z.RefinementCtx): void => {
  const message = textPolicyMessage(text, 'line');
  if (message) ctx.addIssue({ code: 'custom', message });
};

/** zod refinement for body text: `z.string().superRefine(bodyPolicy)`. */
export const bodyPolicy = (text: string, ctx: z.RefinementCtx): void => {
  const message = textPolicyMessage(text, 'body');
  if (message) ctx.addIssue({ code: 'custom', message });
};

/** A title, name, heading, reason or label: one line of visible text, at most `max` UTF-16 units. */
export const lineText = ({ max }: { max: number }) => z.string().max(max).superRefine(linePolicy);

/** A letter or annex body: lines of text with the invisible characters the typesetter honours. */
export const bodyText = ({ max }: { max: number }) => z.string().max(max).superRefine(bodyPolicy);
