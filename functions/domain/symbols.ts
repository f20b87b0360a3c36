/**
 * UN document symbols: parsing, formatting, normalization, joint symbols,
 * follow-ups (`/Add.n`, `/Corr.n`, `/Rev.n`), reissues (`*`), file names, and symbols carried in
 * URL paths.
 *
 * A symbol is slash-separated components, left to right:
 *   parent body / subsidiary bodies / session or year, special components / sequence number / modifiers, then `*`s.
 * `parseSymbol` is strict (canonical spelling only, with a precise error); `normalizeSymbol` and the
 * joint/path helpers are lenient about case, spacing and dashes and return the canonical form.
 */

/** Parent bodies (first component): principal organs, then the special series met in practice. */
export const PARENT_BODIES = [
  'A',
  'S',
  'E',
  'ST',
  'T',
  'CAT',
  'CCPR',
  'CED',
  'CEDAW',
  'CERD',
  'CMW',
  'CRC',
  'CRPD',
  'DP',
  'ECE',
  'FCCC',
  'HSP',
  'ICEF',
  'TD',
  'UNEP',
  'UNW',
] as const;

/** Special components that carry their own number: `L.5` limited, `R.2` restricted, `PV.82` verbatim record… */
export const NUMBERED_SPECIALS = ['L', 'R', 'PV', 'SR', 'CRP', 'WP'] as const;
/** Special components without a number: `A/INF/77/4`, `A/RES/70/10`, `S/PRST/2025/5`, `S/Agenda/10026`. */
export const UNNUMBERED_SPECIALS = ['INF', 'RES', 'PRST', 'NGO', 'PET', 'Agenda'] as const;
export const MODIFIER_KINDS = ['Add', 'Corr', 'Rev', 'Amend'] as const;

export type NumberedSpecial = (typeof NUMBERED_SPECIALS)[number];
export type UnnumberedSpecial = (typeof UNNUMBERED_SPECIALS)[number];
export type ModifierKind = (typeof MODIFIER_KINDS)[number];

/** A component between the parent body and the modifiers. */
export type PathComponent =
  /** Subsidiary body or series: `C.1`, `AC.109`, `CN.15`, `HRC`, `C` (of `CRC/C`), `Sub.2`. */
  | { kind: 'body'; code: string }
  /** Session or year: `79`, `2025`; `ES-10` emergency, `S-8` special session. */
  | { kind: 'session'; n: number; prefix?: 'ES' | 'S' }
  | { kind: 'special'; code: NumberedSpecial; n: number }
  | { kind: 'special'; code: UnnumberedSpecial }
  /** Sequence number, always last; SC resolutions add the year: `2803 (2025)`. */
  | { kind: 'number'; n: number; year?: number };

export type Modifier = { kind: ModifierKind; n: number } | { kind: 'Summary' };

export interface DocumentSymbol {
  parent: string;
  path: PathComponent[];
  /** In derivation order: `A/43/26/Add.1/Corr.1` is a corrigendum to an addendum. */
  modifiers: Modifier[];
  /** One `*` per reissue for technical reasons. */
  reissues: number;
}

export interface SymbolError {
  input: string;
  /** Zero-based offset of the offending character in `input`. */
  position: number;
  reason: string;
}

export type SymbolResult<T> = { ok: true; value: T } | { ok: false; error: SymbolError };

export class SymbolSyntaxError extends Error {
  readonly input: string;
  readonly position: number;
  readonly reason: string;

  constructor(error: SymbolError) {
    super(
      `Invalid document symbol ${JSON.stringify(error.input)} at position ${error.position}: ${error.reason}`,
    );
    this.name = 'SymbolSyntaxError';
    this.input = error.input;
    this.position = error.position;
    this.reason = error.reason;
  }
}

export type FollowupType = 'addendum' | 'corrigendum' | 'revision';

const FOLLOWUP_MODIFIER: Record<FollowupType, ModifierKind> = {
  addendum: 'Add',
  corrigendum: 'Corr',
  revision: 'Rev',
};

// Numbers in symbols never have leading zeros; the caps only guard against absurd input.
const POSITIVE = '[1-9]\\d{0,5}';
const MODIFIER_RE = new RegExp(`^(Add|Corr|Rev|Amend)\\.(${POSITIVE})$`);
const SESSION_PREFIXED_RE = /^(ES|S)-([1-9]\d{0,2})$/;
const DIGITS_RE = /^\d+$/;
const NUMBER_WITH_YEAR_RE = new RegExp(`^(${POSITIVE}) \\(((?:19|20)\\d\\d)\\)$`);
const NUMBERED_SPECIAL_RE = new RegExp(`^(${NUMBERED_SPECIALS.join('|')})\\.(${POSITIVE})$`);
const BODY_RE = /^(?:[A-Z]+(?:\.(?:[1-9]\d*|[A-Z]+))?|Sub\.[1-9]\d*)$/;
const JOINT_SEPARATOR_RE = /[-\u2013\u2014](?=[A-Za-z])/;

const ok = <T>(value: T): SymbolResult<T> => ({ ok: true, value });
const fail = <T>(input: string, position: number, reason: string): SymbolResult<T> => ({
  ok: false,
  error: { input, position, reason },
});

/**
 * The canonical spelling of one component: organ and series letters upper case, but the
 * modifiers (`Add.1`, `Corr.1`, `Rev.1`, `Amend.1`, `Summary`), `Agenda` and `Sub.n` keep their case.
 */
function canonicalCase(token: string): string {
  const modifier = /^(add|corr|rev|amend)\.(.*)$/i.exec(token);
  if (modifier?.[1] && modifier[2] !== undefined) {
    const kind = MODIFIER_KINDS.find((k) => k.toLowerCase() === modifier[1]?.toLowerCase());
    return `${kind}.${modifier[2]}`;
  }
  if (/^summary$/i.test(token)) return 'Summary';
  if (/^agenda$/i.test(token)) return 'Agenda';
  const sub = /^sub\.(.*)$/i.exec(token);
  if (sub?.[1] !== undefined) return `Sub.${sub[1].toUpperCase()}`;
  return token.toUpperCase();
}

type Token =
  | { kind: 'modifier'; modifier: Modifier }
  | { kind: 'digits'; n: number }
  | { kind: 'component'; component: PathComponent };

/** Classifies one canonical component, or says why it is not one. */
function classify(token: string): Token | string {
  const modifier = MODIFIER_RE.exec(token);
  if (modifier)
    return { kind: 'modifier', modifier: { kind: modifier[1] as ModifierKind, n: Number(modifier[2]) } };
  if (token === 'Summary') return { kind: 'modifier', modifier: { kind: 'Summary' } };
  if (DIGITS_RE.test(token)) {
    if (token.length > 1 && token.startsWith('0')) return `'${token}' has a leading zero`;
    if (token === '0') return 'numbers in symbols start at 1';
    if (token.length > 6) return `'${token}' is too long for a session, year or sequence number`;
    return { kind: 'digits', n: Number(token) };
  }
  const session = SESSION_PREFIXED_RE.exec(token);
  if (session) {
    return {
      kind: 'component',
      component: { kind: 'session', n: Number(session[2]), prefix: session[1] as 'ES' | 'S' },
    };
  }
  const withYear = NUMBER_WITH_YEAR_RE.exec(token);
  if (withYear) {
    return {
      kind: 'component',
      component: { kind: 'number', n: Number(withYear[1]), year: Number(withYear[2]) },
    };
  }
  const special = NUMBERED_SPECIAL_RE.exec(token);
  if (special) {
    return {
      kind: 'component',
      component: { kind: 'special', code: special[1] as NumberedSpecial, n: Number(special[2]) },
    };
  }
  if ((UNNUMBERED_SPECIALS as readonly string[]).includes(token)) {
    return { kind: 'component', component: { kind: 'special', code: token as UnnumberedSpecial } };
  }
  const prefix = token.split('.')[0] ?? token;
  if ((NUMBERED_SPECIALS as readonly string[]).includes(prefix)) {
    return `'${token}' should be ${prefix}.n with n from 1 (as in ${prefix}.5)`;
  }
  if (BODY_RE.test(token)) return { kind: 'component', component: { kind: 'body', code: token } };
  return `'${token}' is not a symbol component`;
}

/** Parses one symbol in its canonical spelling, e.g. `A/79/923`, `A/C.1/80/L.1`, `S/2022/10/Add.10*`. */
export function parseSymbol(input: string): SymbolResult<DocumentSymbol> {
  if (input.length === 0) return fail(input, 0, 'the symbol is empty');
  const stars = /\**$/.exec(input)?.[0].length ?? 0;
  const text = input.slice(0, input.length - stars);
  const star = text.indexOf('*');
  if (star >= 0) return fail(input, star, 'an asterisk (reissue mark) may only end the symbol');
  const joint = JOINT_SEPARATOR_RE.exec(text);
  if (joint) {
    return fail(input, joint.index, 'a dash before another symbol joins two symbols: use parseJointSymbol');
  }
  const bad = /[^A-Za-z0-9./\- ()]/.exec(text);
  if (bad) return fail(input, bad.index, `unexpected character ${JSON.stringify(bad[0])}`);

  const tokens: { text: string; at: number }[] = [];
  let at = 0;
  for (const part of text.split('/')) {
    tokens.push({ text: part, at });
    at += part.length + 1;
  }
  for (const token of tokens) {
    if (token.text === '') return fail(input, token.at, 'empty component (a slash too many)');
    if (token.text !== token.text.trim()) {
      return fail(input, token.at, `spaces around '${token.text.trim()}'`);
    }
  }

  const [first, ...rest] = tokens;
  if (!first) return fail(input, 0, 'the symbol is empty');
  if (!(PARENT_BODIES as readonly string[]).includes(first.text)) {
    const upper = first.text.toUpperCase();
    const reason = (PARENT_BODIES as readonly string[]).includes(upper)
      ? `write the parent body as '${upper}'`
      : `unknown parent body '${first.text}' (expected ${PARENT_BODIES.join(', ')})`;
    return fail(input, first.at, reason);
  }
  if (rest.length === 0) return fail(input, text.length, 'a symbol needs more than its parent body');

  const path: { token: Exclude<Token, { kind: 'modifier' }>; at: number; text: string }[] = [];
  const modifiers: Modifier[] = [];
  for (const { text: tokenText, at: tokenAt } of rest) {
    const token = classify(tokenText);
    if (typeof token === 'string') {
      const canonical = canonicalCase(tokenText);
      const reason =
        canonical !== tokenText && typeof classify(canonical) !== 'string' ? `write '${canonical}'` : token;
      return fail(input, tokenAt, reason);
    }
    if (token.kind === 'modifier') {
      modifiers.push(token.modifier);
    } else if (modifiers.length > 0) {
      return fail(
        input,
        tokenAt,
        `'${tokenText}' cannot follow a modifier (Add., Corr., Rev., Amend., Summary)`,
      );
    } else {
      path.push({ token, at: tokenAt, text: tokenText });
    }
  }
  if (path.length === 0) return fail(input, rest[0]?.at ?? 0, 'a modifier needs a document to modify');

  // The last bare number is the sequence number; an earlier one is the session or year.
  const components = path.map(({ token, at: tokenAt, text: tokenText }, index) => {
    const component: PathComponent =
      token.kind === 'component'
        ? token.component
        : index === path.length - 1
          ? { kind: 'number', n: token.n }
          : { kind: 'session', n: token.n };
    return { component, at: tokenAt, text: tokenText };
  });
  let sessionSeen = false;
  for (const [index, { component, at: tokenAt, text: tokenText }] of components.entries()) {
    const last = index === components.length - 1;
    if (component.kind === 'session') {
      if (sessionSeen) return fail(input, tokenAt, `'${tokenText}' is a second session or year`);
      if (last) return fail(input, text.length, `a symbol cannot end with the session '${tokenText}'`);
      sessionSeen = true;
    }
    if (component.kind === 'number' && !last) {
      return fail(input, tokenAt, `the sequence number '${tokenText}' must come last`);
    }
    if (component.kind === 'body' && components.slice(0, index).some((c) => c.component.kind !== 'body')) {
      return fail(input, tokenAt, `the subsidiary body '${tokenText}' must follow the parent body directly`);
    }
    if (last && component.kind !== 'number' && !(component.kind === 'special' && 'n' in component)) {
      return fail(
        input,
        text.length,
        `a symbol ends with a sequence number or a numbered component such as L.5, not with '${tokenText}'`,
      );
    }
  }
  return ok({ parent: first.text, path: components.map((c) => c.component), modifiers, reissues: stars });
}

function formatComponent(component: PathComponent): string {
  switch (component.kind) {
    case 'body':
      return component.code;
    case 'session':
      return component.prefix ? `${component.prefix}-${component.n}` : String(component.n);
    case 'special':
      return 'n' in component ? `${component.code}.${component.n}` : component.code;
    case 'number':
      return component.year === undefined ? String(component.n) : `${component.n} (${component.year})`;
  }
}

const formatModifier = (modifier: Modifier): string =>
  modifier.kind === 'Summary' ? 'Summary' : `${modifier.kind}.${modifier.n}`;

/** A key that tells apart symbols with the same text but a different structure (a trailing session). */
const structureKey = (symbol: DocumentSymbol): string =>
  JSON.stringify([
    symbol.parent,
    symbol.path.map((c) => [c.kind, formatComponent(c)]),
    symbol.modifiers.map(formatModifier),
    symbol.reissues,
  ]);

/** Formats a structured symbol; throws `SymbolSyntaxError` if the structure is not a valid symbol. */
export function formatSymbol(symbol: DocumentSymbol): string {
  const text =
    [symbol.parent, ...symbol.path.map(formatComponent), ...symbol.modifiers.map(formatModifier)].join('/') +
    '*'.repeat(symbol.reissues);
  // Re-parsing is the single source of truth for validity: a structure that prints as another one is rejected.
  const parsed = parseSymbol(text);
  if (!parsed.ok) throw new SymbolSyntaxError(parsed.error);
  if (structureKey(parsed.value) !== structureKey(symbol)) {
    throw new SymbolSyntaxError({
      input: text,
      position: 0,
      reason: 'the components are not in a valid order',
    });
  }
  return text;
}

/** Cleans one symbol typed or extracted by people: spacing, case, stray dashes, full-width forms. */
function tidy(raw: string): string {
  const text = raw
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ ?\/ ?/g, '/')
    .replace(/ ?\*/g, '*')
    .replace(/[\u2013\u2014](?=\d)/g, '-')
    .replace(/ ?\( ?(\d{4}) ?\)/g, ' ($1)');
  const stars = /\**$/.exec(text)?.[0] ?? '';
  return (
    text
      .slice(0, text.length - stars.length)
      .split('/')
      .map(canonicalCase)
      .join('/') + stars
  );
}

function normalizeOne(raw: string): SymbolResult<string> {
  const text = tidy(raw);
  const parsed = parseSymbol(text);
  return parsed.ok ? ok(text) : parsed;
}

const organRank = (symbol: string): number => {
  const rank = ['A', 'S', 'E'].indexOf(symbol.split('/')[0] ?? '');
  return rank < 0 ? 3 : rank;
};

/**
 * Splits a joint symbol (`A/79/923-S/2025/341`, `A/ES-10/695–S/2015/777`) into its canonical
 * parts, in the order written. The separator is a hyphen or dash followed by the start of a new
 * symbol, so the hyphens of `ES-10` and `S-8` stay inside their symbol. A single symbol gives one part.
 */
export function parseJointSymbol(input: string): SymbolResult<string[]> {
  const text = input
    .normalize('NFKC')
    .trim()
    .replace(/\s*([-\u2013\u2014])\s*(?=[A-Za-z])/g, '$1');
  if (text === '') return fail(input, 0, 'the symbol is empty');
  const parts: string[] = [];
  let offset = 0;
  for (const piece of text.split(new RegExp(JOINT_SEPARATOR_RE.source, 'g'))) {
    const normalized = normalizeOne(piece);
    if (!normalized.ok) {
      return fail(input, Math.min(offset + normalized.error.position, input.length), normalized.error.reason);
    }
    parts.push(normalized.value);
    offset += piece.length + 1;
  }
  const parents = parts.map((part) => part.split('/')[0]);
  const repeated = parents.findIndex((parent, index) => parents.indexOf(parent) !== index);
  if (repeated >= 0)
    return fail(input, 0, `a joint symbol has one symbol per organ; '${parents[repeated]}' repeats`);
  return ok(parts);
}

/** Joins the symbols of one document: General Assembly first, then Security Council, then ECOSOC; hyphen. */
export function formatJointSymbol(parts: readonly string[]): string {
  if (parts.length === 0)
    throw new SymbolSyntaxError({ input: '', position: 0, reason: 'no symbols to join' });
  const canonical = parts.map((part) => {
    const normalized = normalizeOne(part);
    if (!normalized.ok) throw new SymbolSyntaxError(normalized.error);
    return normalized.value;
  });
  return canonical
    .map((symbol, index) => ({ symbol, index }))
    .sort((a, b) => organRank(a.symbol) - organRank(b.symbol) || a.index - b.index)
    .map(({ symbol }) => symbol)
    .join('-');
}

function jointParts(input: string): string[] {
  const parsed = parseJointSymbol(input);
  if (!parsed.ok) throw new SymbolSyntaxError(parsed.error);
  return parsed.value;
}

/**
 * The canonical form of a symbol or joint symbol: trimmed, no spaces around slashes, organ letters
 * upper case while `Add.`, `Corr.`, `Rev.`, `Amend.`, `Summary` keep theirs, hyphen between the
 * symbols of a joint document (GA first). Throws `SymbolSyntaxError` if it is not a symbol.
 */
export function normalizeSymbol(input: string): string {
  return formatJointSymbol(jointParts(input));
}

const mustParse = (symbol: string): DocumentSymbol => {
  const parsed = parseSymbol(symbol);
  if (!parsed.ok) throw new SymbolSyntaxError(parsed.error);
  return parsed.value;
};

/**
 * The symbol of a follow-up document: `A/79/923` → `A/79/923/Add.1`; `A/43/26/Add.1` corrigendum 1
 * → `A/43/26/Add.1/Corr.1`. A follow-up of the same type as the base's last modifier is its sibling,
 * as the UN numbers them: `A/79/923/Add.1` addendum 2 → `A/79/923/Add.2`. Reissue marks of the base
 * are dropped (they belong to that issue, not to the new document). Joint symbols follow up part by part.
 */
export function followupSymbol(base: string, type: FollowupType, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999) {
    throw new RangeError(`A follow-up number is a whole number from 1, not ${n}`);
  }
  const kind = FOLLOWUP_MODIFIER[type];
  return formatJointSymbol(
    jointParts(base).map((part) => {
      const symbol = mustParse(part);
      const modifiers = [...symbol.modifiers];
      const last = modifiers.at(-1);
      if (last && last.kind === kind) {
        if (n <= last.n) throw new RangeError(`${kind}.${n} of ${part} would not follow ${kind}.${last.n}`);
        modifiers.pop();
      }
      return formatSymbol({ ...symbol, modifiers: [...modifiers, { kind, n }], reissues: 0 });
    }),
  );
}

/** Marks a reissue for technical reasons: one more `*` on every symbol of the document. */
export function reissueSymbol(symbol: string): string {
  return formatJointSymbol(jointParts(symbol).map((part) => `${part}*`));
}

/**
 * File name stem (PDF names, S3 keys) for a document's symbols: `A-80-434-S-2025-632`.
 * Slashes become hyphens, `2803 (2025)` becomes `2803(2025)`, and the `*`s of a reissue — not
 * allowed in Windows file names — become `_r1`, `_r2`… so a reissue never overwrites the original.
 */
export function symbolFileName(symbols: readonly string[]): string {
  return jointParts(formatJointSymbol(symbols))
    .map((symbol) =>
      symbol
        .replace(/\//g, '-')
        .replace(' (', '(')
        .replace(/\*+$/, (stars) => `_r${stars.length}`),
    )
    .join('-');
}

export interface DocumentPath {
  /** The canonical (joint) symbol. */
  symbol: string;
  /** Path segments after the symbol: `['versions', 'fr']`. */
  rest: string[];
}

const MAX_PATH_SEGMENTS = 40;

/**
 * Splits a route path that starts with a symbol, e.g. `A/79/923-S/2025/341/versions/fr` →
 * `{ symbol: 'A/79/923-S/2025/341', rest: ['versions', 'fr'] }`. Accepts percent-encoding
 * (`A%2F79%2F923`), an en dash between symbols, reissue `*`s and a leading slash. The symbol is the
 * longest leading run of segments that forms one; route words such as `versions` cannot extend a
 * symbol, which ends with a number or a modifier. Throws `SymbolSyntaxError` when no symbol leads.
 */
export function splitDocumentPath(path: string): DocumentPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw new SymbolSyntaxError({ input: path, position: 0, reason: 'malformed percent-encoding' });
  }
  const segments = decoded.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  if (segments.length > MAX_PATH_SEGMENTS) {
    throw new SymbolSyntaxError({ input: path, position: 0, reason: 'the path has too many segments' });
  }
  let firstError: SymbolError | undefined;
  for (let length = segments.length; length >= 1; length--) {
    const parsed = parseJointSymbol(segments.slice(0, length).join('/'));
    if (parsed.ok) return { symbol: formatJointSymbol(parsed.value), rest: segments.slice(length) };
    firstError ??= parsed.error;
  }
  throw new SymbolSyntaxError({
    input: path,
    position: 0,
    reason: `the path does not start with a document symbol (${firstError?.reason ?? 'empty'})`,
  });
}
