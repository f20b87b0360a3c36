import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DocumentSymbol,
  followupSymbol,
  formatJointSymbol,
  formatSymbol,
  type Modifier,
  NUMBERED_SPECIALS,
  normalizeSymbol,
  PARENT_BODIES,
  type PathComponent,
  parseJointSymbol,
  parseSymbol,
  reissueSymbol,
  SymbolSyntaxError,
  splitDocumentPath,
  symbolFileName,
  UNNUMBERED_SPECIALS,
} from '../functions/domain/symbols.ts';

/** Symbols as the UN prints them, across organs, sessions and modifiers (joint ones are tested apart). */
const REFERENCE_SYMBOLS = [
  'A/C.1/80/L.1',
  'E/CN.15/2015/10',
  'A/HRC/32/L.20',
  'A/31/99',
  'E/1978/99',
  'S/1994/99',
  'A/9601',
  'S/17146',
  'A/INF/77/4',
  'A/80/434',
  'S/RES/2803 (2025)',
  'S/PV.10011',
  'S/Agenda/10026',
  'A/RES/70/10',
  'A/ES-10/695',
  'A/43/26/Add.1/Corr.1',
  'A/58/50/Rev.1/Corr.1',
  'A/520/Rev.1/Amend.1',
  'A/72/510/Rev.1',
  'A/62/L.6',
  'S/2022/10/Add.10*',
  'A/79/L.5/Rev.1',
  'S/2025/341/Corr.1',
  'A/79/923/Add.1',
  'S/2012/197***',
  'A/80/427',
  'A/80/488',
  'A/80/500',
  'A/78/7',
  'A/49/230',
  'S/1994/822',
  'A/80/L.1',
  'A/80/150',
  'S/2025/632',
  'A/AC.109/2019/L.18',
  'A/66/PV.82',
  'A/59/2005/Add.2',
  'ST/LIB/SER.B/5/Rev.5',
  // Special series from the table, completed into whole symbols.
  'CRC/C/GC/26',
  'DP/2025/1',
  'TD/B/71/1',
  'UNEP/EA.6/1',
];

const value = (symbol: string): DocumentSymbol => {
  const parsed = parseSymbol(symbol);
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return parsed.value;
};

describe('parseSymbol on the reference examples', () => {
  it.each(REFERENCE_SYMBOLS)('parses and formats %s back', (symbol) => {
    expect(formatSymbol(value(symbol))).toBe(symbol);
  });

  it('tells session from sequence number: A/79/923', () => {
    expect(value('A/79/923')).toStrictEqual({
      parent: 'A',
      path: [
        { kind: 'session', n: 79 },
        { kind: 'number', n: 923 },
      ],
      modifiers: [],
      reissues: 0,
    });
  });

  it('reads subsidiary body, session and limited component: A/C.1/80/L.1', () => {
    expect(value('A/C.1/80/L.1').path).toStrictEqual([
      { kind: 'body', code: 'C.1' },
      { kind: 'session', n: 80 },
      { kind: 'special', code: 'L', n: 1 },
    ]);
  });

  it('reads emergency and special sessions', () => {
    expect(value('A/ES-10/695').path[0]).toStrictEqual({ kind: 'session', n: 10, prefix: 'ES' });
    expect(value('A/RES/S-8/1').path[1]).toStrictEqual({ kind: 'session', n: 8, prefix: 'S' });
  });

  it('reads the SC resolution year and the special series before the session', () => {
    expect(value('S/RES/2803 (2025)').path).toStrictEqual([
      { kind: 'special', code: 'RES' },
      { kind: 'number', n: 2803, year: 2025 },
    ]);
    expect(value('A/INF/77/4').path.map((c) => c.kind)).toEqual(['special', 'session', 'number']);
  });

  it('keeps modifiers in derivation order and counts reissues', () => {
    expect(value('A/43/26/Add.1/Corr.1').modifiers).toEqual([
      { kind: 'Add', n: 1 },
      { kind: 'Corr', n: 1 },
    ]);
    expect(value('S/2012/197***').reissues).toBe(3);
    expect(value('S/2022/10/Add.10*')).toMatchObject({ modifiers: [{ kind: 'Add', n: 10 }], reissues: 1 });
    expect(value('A/79/1/Summary').modifiers).toEqual([{ kind: 'Summary' }]);
  });

  it('rejects "S-8/1": that is how a resolution is cited, not a document symbol', () => {
    const parsed = parseSymbol('S-8/1');
    expect(parsed.ok).toBe(false);
  });
});

describe('parseSymbol errors name the position and the reason', () => {
  const cases: [string, number, RegExp][] = [
    ['', 0, /empty/],
    ['Q/79/1', 0, /unknown parent body 'Q'/],
    ['a/79/923', 0, /write the parent body as 'A'/],
    ['A', 1, /more than its parent body/],
    ['A//923', 2, /empty component/],
    ['A/79/923/', 9, /empty component/],
    ['A/79/0923', 5, /leading zero/],
    ['A/79/923/add.1', 9, /write 'Add\.1'/],
    ['A/79/L.0', 5, /L\.n with n from 1/],
    ['A/79/*923', 5, /asterisk/],
    ['A/79/923/Add.1/4', 15, /cannot follow a modifier/],
    ['A/79/80/5', 5, /second session/],
    ['A/ES-10', 7, /cannot end with the session/],
    ['A/RES', 5, /not with 'RES'/],
    ['A/79/C.1/5', 5, /subsidiary body 'C\.1' must follow the parent body/],
    ['A/79/923-S/2025/341', 8, /parseJointSymbol/],
    ['A/79/92#3', 7, /unexpected character "#"/],
    ['A /79/923', 0, /spaces around/],
    ['A/79/9x', 5, /'9x' is not a symbol component/],
    ['A/79/Foo', 5, /write 'FOO'/],
  ];
  it.each(cases)('%j fails at %i', (input, position, reason) => {
    const parsed = parseSymbol(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.position).toBe(position);
    expect(parsed.error.reason).toMatch(reason);
    expect(parsed.error.input).toBe(input);
  });

  it('formatSymbol refuses a structure that would print as another one', () => {
    const trailingSession: DocumentSymbol = {
      parent: 'A',
      path: [{ kind: 'session', n: 79 }],
      modifiers: [],
      reissues: 0,
    };
    expect(() => formatSymbol(trailingSession)).toThrow(SymbolSyntaxError);
    expect(() => formatSymbol({ ...value('A/79/923'), reissues: 0.5 })).toThrow();
  });
});

// --- generators ---------------------------------------------------------------------------------

const positive = fc.integer({ min: 1, max: 99_999 });
const subsidiary = fc.oneof(
  fc.constantFrom(
    'C.1',
    'C.6',
    'AC.109',
    'CN.15',
    'CONF.62',
    'HRC',
    'C',
    'Sub.2',
    'WG.6',
    'PC',
    'LIB',
    'SER.B',
    'B',
  ),
  fc.tuple(fc.constantFrom('C', 'AC', 'CN', 'CONF', 'GC', 'WG', 'SC'), positive).map(([c, n]) => `${c}.${n}`),
);
const session: fc.Arbitrary<PathComponent> = fc.oneof(
  fc.integer({ min: 1, max: 150 }).map((n) => ({ kind: 'session' as const, n })),
  fc.integer({ min: 1946, max: 2099 }).map((n) => ({ kind: 'session' as const, n })),
  fc
    .tuple(fc.constantFrom('ES' as const, 'S' as const), fc.integer({ min: 1, max: 30 }))
    .map(([prefix, n]) => ({ kind: 'session' as const, n, prefix })),
);
const numberedSpecial: fc.Arbitrary<PathComponent> = fc
  .tuple(fc.constantFrom(...NUMBERED_SPECIALS), positive)
  .map(([code, n]) => ({ kind: 'special' as const, code, n }));
const unnumberedSpecial: fc.Arbitrary<PathComponent> = fc
  .constantFrom(...UNNUMBERED_SPECIALS)
  .map((code) => ({ kind: 'special' as const, code }));
const sequence: fc.Arbitrary<PathComponent> = fc.oneof(
  positive.map((n) => ({ kind: 'number' as const, n })),
  fc
    .tuple(positive, fc.integer({ min: 1946, max: 2099 }))
    .map(([n, year]) => ({ kind: 'number' as const, n, year })),
);
const modifier: fc.Arbitrary<Modifier> = fc.oneof(
  fc
    .tuple(fc.constantFrom('Add' as const, 'Corr' as const, 'Rev' as const, 'Amend' as const), positive)
    .map(([kind, n]) => ({ kind, n })),
  fc.constant({ kind: 'Summary' as const }),
);

const symbolValue: fc.Arbitrary<DocumentSymbol> = fc
  .record({
    parent: fc.constantFrom(...PARENT_BODIES),
    bodies: fc.array(subsidiary, { maxLength: 2 }),
    session: fc.option(session, { nil: undefined }),
    specials: fc.array(fc.oneof(numberedSpecial, unnumberedSpecial), { maxLength: 2 }),
    sessionAt: fc.nat({ max: 2 }),
    last: fc.oneof(sequence, numberedSpecial),
    modifiers: fc.array(modifier, { maxLength: 3 }),
    reissues: fc.nat({ max: 3 }),
  })
  .map(({ parent, bodies, session: s, specials, sessionAt, last, modifiers, reissues }) => {
    const middle: PathComponent[] = [...specials];
    if (s) middle.splice(Math.min(sessionAt, middle.length), 0, s);
    return {
      parent,
      path: [...bodies.map((code) => ({ kind: 'body' as const, code })), ...middle, last],
      modifiers,
      reissues,
    };
  });

const symbolText = symbolValue.map(formatSymbol);

/** Two or three symbols of distinct organs, GA first, as a registration produces them. */
const jointParts = fc
  .tuple(
    fc.subarray(['A', 'S', 'E'], { minLength: 2 }),
    fc.array(symbolValue, { minLength: 3, maxLength: 3 }),
  )
  .map(([parents, values]) =>
    parents.map((parent, i) => formatSymbol({ ...(values[i] as DocumentSymbol), parent })),
  );

/** Spoils a canonical symbol the way people and PDF extraction do. */
const messy = (symbol: fc.Arbitrary<string>) =>
  fc
    .tuple(symbol, fc.boolean(), fc.boolean(), fc.constantFrom('', ' ', '  '))
    .map(([text, lower, spaced, pad]) => {
      let out = lower ? text.toLowerCase() : text;
      if (spaced) out = out.replaceAll('/', ' / ');
      return `${pad}${out}${pad}`;
    });

// --- properties ---------------------------------------------------------------------------------

describe('round trips', () => {
  it('parse(format(v)) = v', () => {
    fc.assert(
      fc.property(symbolValue, (v) => {
        expect(value(formatSymbol(v))).toStrictEqual(v);
      }),
    );
  });

  it('format(parse(s)) = s', () => {
    fc.assert(
      fc.property(symbolText, (s) => {
        expect(formatSymbol(value(s))).toBe(s);
      }),
    );
  });

  it('normalization restores the canonical symbol and is idempotent', () => {
    fc.assert(
      fc.property(
        symbolText.chain((s) => fc.tuple(fc.constant(s), messy(fc.constant(s)))),
        ([canonical, spoiled]) => {
          expect(normalizeSymbol(spoiled)).toBe(canonical);
          expect(normalizeSymbol(normalizeSymbol(spoiled))).toBe(normalizeSymbol(spoiled));
        },
      ),
    );
  });

  it('joint symbols split and join again, with hyphen or en dash', () => {
    fc.assert(
      fc.property(jointParts, fc.constantFrom('-', '\u2013', ' - ', ' \u2013 '), (parts, dash) => {
        const parsed = parseJointSymbol(parts.join(dash));
        expect(parsed).toEqual({ ok: true, value: parts });
        expect(formatJointSymbol(parts)).toBe(parts.join('-'));
        expect(formatJointSymbol([...parts].reverse())).toBe(parts.join('-'));
      }),
    );
  });

  it('a route path splits into the symbol and the rest, plain or percent-encoded', () => {
    const suffixes = fc.constantFrom<string[]>(
      [],
      ['versions'],
      ['versions', 'fr'],
      ['versions', 'zh'],
      ['followups'],
      ['distribute'],
    );
    const symbol = fc.oneof(
      symbolText,
      jointParts.map((parts) => parts.join('-')),
    );
    fc.assert(
      fc.property(symbol, suffixes, fc.boolean(), (s, rest, encode) => {
        const head = encode ? encodeURIComponent(s) : s;
        const path = [head, ...rest].join('/');
        expect(splitDocumentPath(path)).toEqual({ symbol: s, rest });
      }),
    );
  });
});

describe('normalizeSymbol', () => {
  it.each([
    [' A / 79 / 923 ', 'A/79/923'],
    ['a/79/923/add.1', 'A/79/923/Add.1'],
    ['A/79/923/ADD.1/CORR.2', 'A/79/923/Add.1/Corr.2'],
    ['e/cn.4/sub.2/1998/13', 'E/CN.4/Sub.2/1998/13'],
    ['s/agenda/10026', 'S/Agenda/10026'],
    ['a/es-10/695', 'A/ES-10/695'],
    ['A/ES\u201310/695', 'A/ES-10/695'],
    ['S/RES/2803(2025)', 'S/RES/2803 (2025)'],
    ['S/2012/197 ***', 'S/2012/197***'],
    ['A\uFF0F79\uFF0F923', 'A/79/923'],
    ['S/2025/341 \u2013 A/79/923', 'A/79/923-S/2025/341'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeSymbol(input)).toBe(expected);
  });

  it('throws a SymbolSyntaxError for what is not a symbol', () => {
    expect(() => normalizeSymbol('hello')).toThrow(SymbolSyntaxError);
    expect(() => normalizeSymbol('A/79/923-A/79/924')).toThrow(/one symbol per organ/);
  });
});

describe('joint symbols', () => {
  it('splits on the dash that starts a new symbol, not inside ES-10 or S-8', () => {
    expect(parseJointSymbol('A/80/434-S/2025/632')).toEqual({ ok: true, value: ['A/80/434', 'S/2025/632'] });
    expect(parseJointSymbol('A/ES-10/695\u2013S/2015/777')).toEqual({
      ok: true,
      value: ['A/ES-10/695', 'S/2015/777'],
    });
    expect(parseJointSymbol('A/RES/S-8/1-S/2025/1')).toEqual({
      ok: true,
      value: ['A/RES/S-8/1', 'S/2025/1'],
    });
    expect(parseJointSymbol('A/79/923')).toEqual({ ok: true, value: ['A/79/923'] });
  });

  it('reports the bad part with a position in the input', () => {
    const parsed = parseJointSymbol('A/79/923-S/2025/0341');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.reason).toMatch(/leading zero/);
      expect(parsed.error.position).toBe(16);
    }
  });

  it('puts the General Assembly first, then the Security Council, then ECOSOC', () => {
    expect(formatJointSymbol(['S/2025/341', 'A/79/923'])).toBe('A/79/923-S/2025/341');
    expect(formatJointSymbol(['E/2025/7', 'S/2025/341', 'A/79/923'])).toBe('A/79/923-S/2025/341-E/2025/7');
    expect(() => formatJointSymbol([])).toThrow(SymbolSyntaxError);
  });
});

const KIND = { addendum: 'Add', corrigendum: 'Corr', revision: 'Rev' } as const;

describe('follow-ups and reissues', () => {
  it.each([
    ['A/79/923', 'addendum', 1, 'A/79/923/Add.1'],
    ['S/2025/341', 'corrigendum', 1, 'S/2025/341/Corr.1'],
    ['A/72/510', 'revision', 1, 'A/72/510/Rev.1'],
    ['A/43/26/Add.1', 'corrigendum', 1, 'A/43/26/Add.1/Corr.1'],
    ['A/58/50/Rev.1', 'corrigendum', 1, 'A/58/50/Rev.1/Corr.1'],
    ['A/79/923/Add.1', 'addendum', 2, 'A/79/923/Add.2'],
    ['A/58/50/Rev.1', 'revision', 2, 'A/58/50/Rev.2'],
    ['A/79/L.5', 'revision', 1, 'A/79/L.5/Rev.1'],
    ['S/2012/197***', 'addendum', 1, 'S/2012/197/Add.1'],
    ['A/79/923-S/2025/341', 'addendum', 1, 'A/79/923/Add.1-S/2025/341/Add.1'],
  ] as const)('%s %s %i → %s', (base, type, n, expected) => {
    expect(followupSymbol(base, type, n)).toBe(expected);
  });

  it('rejects a follow-up number that is not a new one', () => {
    expect(() => followupSymbol('A/79/923', 'addendum', 0)).toThrow(RangeError);
    expect(() => followupSymbol('A/79/923', 'addendum', 1.5)).toThrow(RangeError);
    expect(() => followupSymbol('A/79/923/Add.2', 'addendum', 2)).toThrow(RangeError);
    expect(() => followupSymbol('not a symbol', 'addendum', 1)).toThrow(SymbolSyntaxError);
  });

  it('reissue adds one asterisk to every symbol', () => {
    expect(reissueSymbol('S/2012/197')).toBe('S/2012/197*');
    expect(reissueSymbol('S/2012/197**')).toBe('S/2012/197***');
    expect(reissueSymbol('A/79/923-S/2025/341')).toBe('A/79/923*-S/2025/341*');
  });

  it('follow-ups are valid symbols that extend their base', () => {
    fc.assert(
      fc.property(
        symbolText,
        fc.constantFrom('addendum' as const, 'corrigendum' as const, 'revision' as const),
        fc.integer({ min: 1, max: 50 }),
        (base, type, n) => {
          const kind = KIND[type];
          const last = value(base).modifiers.at(-1);
          fc.pre(!(last && 'n' in last && last.kind === kind && n <= last.n));
          const followup = followupSymbol(base, type, n);
          expect(value(followup).modifiers.at(-1)).toEqual({ kind, n });
          expect(value(followup).reissues).toBe(0);
          expect(value(followup).path).toStrictEqual(value(base).path);
        },
      ),
    );
  });
});

describe('symbolFileName', () => {
  it('joins the symbols with hyphens, GA first', () => {
    expect(symbolFileName(['A/80/434', 'S/2025/632'])).toBe('A-80-434-S-2025-632');
    expect(symbolFileName(['S/2025/632', 'A/80/434'])).toBe('A-80-434-S-2025-632');
    expect(symbolFileName(['A/ES-10/695', 'S/2015/777'])).toBe('A-ES-10-695-S-2015-777');
    expect(symbolFileName(['A/79/923/Add.1'])).toBe('A-79-923-Add.1');
  });

  it('keeps reissues apart from the original and avoids spaces', () => {
    expect(symbolFileName(['S/2012/197***'])).toBe('S-2012-197_r3');
    expect(symbolFileName(['S/RES/2803 (2025)'])).toBe('S-RES-2803(2025)');
  });

  it('gives safe, distinct names', () => {
    fc.assert(
      fc.property(symbolText, symbolText, (a, b) => {
        const name = symbolFileName([a]);
        expect(name).toMatch(/^[A-Za-z0-9.()_-]+$/);
        if (a !== b && !a.includes('-') && !b.includes('-')) expect(symbolFileName([b])).not.toBe(name);
      }),
    );
  });
});

describe('splitDocumentPath', () => {
  it.each([
    ['A/79/923-S/2025/341/versions/fr', 'A/79/923-S/2025/341', ['versions', 'fr']],
    ['A/79/923/followups', 'A/79/923', ['followups']],
    ['A/79/923-S/2025/341/distribute', 'A/79/923-S/2025/341', ['distribute']],
    ['A%2F79%2F923/versions/fr', 'A/79/923', ['versions', 'fr']],
    ['A%2F79%2F923%E2%80%93S%2F2025%2F341/versions', 'A/79/923-S/2025/341', ['versions']],
    ['/A/79/923\u2013S/2025/341/followups', 'A/79/923-S/2025/341', ['followups']],
    ['S/2012/197***/versions/en', 'S/2012/197***', ['versions', 'en']],
    ['S/2012/197%2A/versions', 'S/2012/197*', ['versions']],
    ['A/79/923/Add.1/versions/ar', 'A/79/923/Add.1', ['versions', 'ar']],
    ['A/79/923', 'A/79/923', []],
    ['A/79/923/', 'A/79/923', []],
  ])('%s', (path, symbol, rest) => {
    expect(splitDocumentPath(path)).toEqual({ symbol, rest });
  });

  it('throws when no symbol starts the path', () => {
    expect(() => splitDocumentPath('versions/fr')).toThrow(SymbolSyntaxError);
    expect(() => splitDocumentPath('A%2')).toThrow(/percent-encoding/);
    expect(() => splitDocumentPath('')).toThrow(SymbolSyntaxError);
    expect(() => splitDocumentPath(Array(100).fill('A').join('/'))).toThrow(/too many segments/);
  });
});
