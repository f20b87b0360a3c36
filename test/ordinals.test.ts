import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import { sessionLine, yearLine } from '../functions/domain/masthead.ts';
import { capitalizeFirst, chineseNumeral, MAX_ORDINAL, ordinal } from '../functions/domain/ordinals.ts';

type Row = [n: number, forms: Record<Lang, string>];

/**
 * GA session lines as printed on the masthead. Provenance:
 * V = the same masthead line in the UN Parallel Corpus dev set (line number) or the sample;
 * v = the ordinal seen in running text of the corpus; D = derived by rule.
 */
const SESSIONS: Row[] = [
  // D (the Spanish "Primer período" is V in running text)
  [
    1,
    {
      en: 'First session',
      fr: 'Première session',
      es: 'Primer período de sesiones',
      ru: 'Первая сессия',
      zh: '第一届会议',
      ar: 'الدورة الأولى',
    },
  ],
  [
    2,
    {
      en: 'Second session',
      fr: 'Deuxième session',
      es: 'Segundo período de sesiones',
      ru: 'Вторая сессия',
      zh: '第二届会议',
      ar: 'الدورة الثانية',
    },
  ],
  // V: UNPC dev line 1594
  [
    3,
    {
      en: 'Third session',
      fr: 'Troisième session',
      es: 'Tercer período de sesiones',
      ru: 'Третья сессия',
      zh: '第三届会议',
      ar: 'الدورة الثالثة',
    },
  ],
  // V: UNPC dev line 3931
  [
    9,
    {
      en: 'Ninth session',
      fr: 'Neuvième session',
      es: 'Noveno período de sesiones',
      ru: 'Девятая сессия',
      zh: '第九届会议',
      ar: 'الدورة التاسعة',
    },
  ],
  // v: fr/zh/ar (dixième, 第十届, العاشرة); D: es, ru
  [
    10,
    {
      en: 'Tenth session',
      fr: 'Dixième session',
      es: 'Décimo período de sesiones',
      ru: 'Десятая сессия',
      zh: '第十届会议',
      ar: 'الدورة العاشرة',
    },
  ],
  // v: UNPC 583 (onzième session, одиннадцатой сессии, 第十一届会议, دورته الحادية عشرة); D: es
  [
    11,
    {
      en: 'Eleventh session',
      fr: 'Onzième session',
      es: 'Undécimo período de sesiones',
      ru: 'Одиннадцатая сессия',
      zh: '第十一届会议',
      ar: 'الدورة الحادية عشرة',
    },
  ],
  // D (Spanish non-GA bodies write "13º período de sesiones"; GA sessions are spelt out)
  [
    13,
    {
      en: 'Thirteenth session',
      fr: 'Treizième session',
      es: 'Decimotercer período de sesiones',
      ru: 'Тринадцатая сессия',
      zh: '第十三届会议',
      ar: 'الدورة الثالثة عشرة',
    },
  ],
  // V: UNPC 1744 (the French line there has a stray capital: "Quatorzième Session")
  [
    14,
    {
      en: 'Fourteenth session',
      fr: 'Quatorzième session',
      es: 'Decimocuarto período de sesiones',
      ru: 'Четырнадцатая сессия',
      zh: '第十四届会议',
      ar: 'الدورة الرابعة عشرة',
    },
  ],
  // v: UNPC 2804 (vingtième, двадцатой, 第二十届); D: es, ar nominative
  [
    20,
    {
      en: 'Twentieth session',
      fr: 'Vingtième session',
      es: 'Vigésimo período de sesiones',
      ru: 'Двадцатая сессия',
      zh: '第二十届会议',
      ar: 'الدورة العشرون',
    },
  ],
  // D (31st is v: "trente et unième session", "Тридцать первую", "الحادية والثلاثين", UNPC 111)
  [
    21,
    {
      en: 'Twenty-first session',
      fr: 'Vingt et unième session',
      es: 'Vigésimo primer período de sesiones',
      ru: 'Двадцать первая сессия',
      zh: '第二十一届会议',
      ar: 'الدورة الحادية والعشرون',
    },
  ],
  // V: UNPC 2704
  [
    25,
    {
      en: 'Twenty-fifth session',
      fr: 'Vingt-cinquième session',
      es: 'Vigésimo quinto período de sesiones',
      ru: 'Двадцать пятая сессия',
      zh: '第二十五届会议',
      ar: 'الدورة الخامسة والعشرون',
    },
  ],
  // V: UNPC 1 (Sixty-ninth session, all six)
  [
    69,
    {
      en: 'Sixty-ninth session',
      fr: 'Soixante-neuvième session',
      es: 'Sexagésimo noveno período de sesiones',
      ru: 'Шестьдесят девятая сессия',
      zh: '第六十九届会议',
      ar: 'الدورة التاسعة والستون',
    },
  ],
  // v: UNPC 172 (seventieth, soixante-dixième, septuagésimo, семидесятой, 第七十届, السبعين)
  [
    70,
    {
      en: 'Seventieth session',
      fr: 'Soixante-dixième session',
      es: 'Septuagésimo período de sesiones',
      ru: 'Семидесятая сессия',
      zh: '第七十届会议',
      ar: 'الدورة السبعون',
    },
  ],
  // es V (as printed on A/71/450); others D
  [
    71,
    {
      en: 'Seventy-first session',
      fr: 'Soixante et onzième session',
      es: 'Septuagésimo primer período de sesiones',
      ru: 'Семьдесят первая сессия',
      zh: '第七十一届会议',
      ar: 'الدورة الحادية والسبعون',
    },
  ],
  // en/fr V (sample); others D from the 69 pattern
  [
    79,
    {
      en: 'Seventy-ninth session',
      fr: 'Soixante-dix-neuvième session',
      es: 'Septuagésimo noveno período de sesiones',
      ru: 'Семьдесят девятая сессия',
      zh: '第七十九届会议',
      ar: 'الدورة التاسعة والسبعون',
    },
  ],
  // en V (A/80/434); others D
  [
    80,
    {
      en: 'Eightieth session',
      fr: 'Quatre-vingtième session',
      es: 'Octogésimo período de sesiones',
      ru: 'Восьмидесятая сессия',
      zh: '第八十届会议',
      ar: 'الدورة الثمانون',
    },
  ],
  [
    81,
    {
      en: 'Eighty-first session',
      fr: 'Quatre-vingt-unième session',
      es: 'Octogésimo primer período de sesiones',
      ru: 'Восемьдесят первая сессия',
      zh: '第八十一届会议',
      ar: 'الدورة الحادية والثمانون',
    },
  ],
  [
    91,
    {
      en: 'Ninety-first session',
      fr: 'Quatre-vingt-onzième session',
      es: 'Nonagésimo primer período de sesiones',
      ru: 'Девяносто первая сессия',
      zh: '第九十一届会议',
      ar: 'الدورة الحادية والتسعون',
    },
  ],
  [
    99,
    {
      en: 'Ninety-ninth session',
      fr: 'Quatre-vingt-dix-neuvième session',
      es: 'Nonagésimo noveno período de sesiones',
      ru: 'Девяносто девятая сессия',
      zh: '第九十九届会议',
      ar: 'الدورة التاسعة والتسعون',
    },
  ],
  [
    100,
    {
      en: 'One hundredth session',
      fr: 'Centième session',
      es: 'Centésimo período de sesiones',
      ru: 'Сотая сессия',
      zh: '第一百届会议',
      ar: 'الدورة المائة',
    },
  ],
  [
    101,
    {
      en: 'One hundred and first session',
      fr: 'Cent unième session',
      es: 'Centésimo primer período de sesiones',
      ru: 'Сто первая сессия',
      zh: '第一百零一届会议',
      ar: 'الدورة الحادية بعد المائة',
    },
  ],
  [
    105,
    {
      en: 'One hundred and fifth session',
      fr: 'Cent cinquième session',
      es: 'Centésimo quinto período de sesiones',
      ru: 'Сто пятая сессия',
      zh: '第一百零五届会议',
      ar: 'الدورة الخامسة بعد المائة',
    },
  ],
  [
    110,
    {
      en: 'One hundred and tenth session',
      fr: 'Cent dixième session',
      es: 'Centésimo décimo período de sesiones',
      ru: 'Сто десятая сессия',
      zh: '第一百一十届会议',
      ar: 'الدورة العاشرة بعد المائة',
    },
  ],
  [
    111,
    {
      en: 'One hundred and eleventh session',
      fr: 'Cent onzième session',
      es: 'Centésimo undécimo período de sesiones',
      ru: 'Сто одиннадцатая сессия',
      zh: '第一百一十一届会议',
      ar: 'الدورة الحادية عشرة بعد المائة',
    },
  ],
  // Shape of 100+ v: UNPC 2783 "cent trente et unième Assemblée", "الجمعية الحادية والثلاثون بعد المائة"
  [
    121,
    {
      en: 'One hundred and twenty-first session',
      fr: 'Cent vingt et unième session',
      es: 'Centésimo vigésimo primer período de sesiones',
      ru: 'Сто двадцать первая сессия',
      zh: '第一百二十一届会议',
      ar: 'الدورة الحادية والعشرون بعد المائة',
    },
  ],
  [
    150,
    {
      en: 'One hundred and fiftieth session',
      fr: 'Cent cinquantième session',
      es: 'Centésimo quincuagésimo período de sesiones',
      ru: 'Сто пятидесятая сессия',
      zh: '第一百五十届会议',
      ar: 'الدورة الخمسون بعد المائة',
    },
  ],
];

/** Security Council / ECOSOC year lines by calendar year. en/fr 2025 V (sample, A/80/434); the rest D. */
const YEARS: Row[] = [
  [
    1946,
    {
      en: 'First year',
      fr: 'Première année',
      es: 'Primer año',
      ru: 'Первый год',
      zh: '第一年',
      ar: 'السنة الأولى',
    },
  ],
  [
    1948,
    {
      en: 'Third year',
      fr: 'Troisième année',
      es: 'Tercer año',
      ru: 'Третий год',
      zh: '第三年',
      ar: 'السنة الثالثة',
    },
  ],
  [
    1956,
    {
      en: 'Eleventh year',
      fr: 'Onzième année',
      es: 'Undécimo año',
      ru: 'Одиннадцатый год',
      zh: '第十一年',
      ar: 'السنة الحادية عشرة',
    },
  ],
  [
    1966,
    {
      en: 'Twenty-first year',
      fr: 'Vingt et unième année',
      es: 'Vigésimo primer año',
      ru: 'Двадцать первый год',
      zh: '第二十一年',
      ar: 'السنة الحادية والعشرون',
    },
  ],
  [
    2016,
    {
      en: 'Seventy-first year',
      fr: 'Soixante et onzième année',
      es: 'Septuagésimo primer año',
      ru: 'Семьдесят первый год',
      zh: '第七十一年',
      ar: 'السنة الحادية والسبعون',
    },
  ],
  [
    2025,
    {
      en: 'Eightieth year',
      fr: 'Quatre-vingtième année',
      es: 'Octogésimo año',
      ru: 'Восьмидесятый год',
      zh: '第八十年',
      ar: 'السنة الثمانون',
    },
  ],
  [
    2026,
    {
      en: 'Eighty-first year',
      fr: 'Quatre-vingt-unième année',
      es: 'Octogésimo primer año',
      ru: 'Восемьдесят первый год',
      zh: '第八十一年',
      ar: 'السنة الحادية والثمانون',
    },
  ],
  [
    2028,
    {
      en: 'Eighty-third year',
      fr: 'Quatre-vingt-troisième année',
      es: 'Octogésimo tercer año',
      ru: 'Восемьдесят третий год',
      zh: '第八十三年',
      ar: 'السنة الثالثة والثمانون',
    },
  ],
  [
    2029,
    {
      en: 'Eighty-fourth year',
      fr: 'Quatre-vingt-quatrième année',
      es: 'Octogésimo cuarto año',
      ru: 'Восемьдесят четвертый год',
      zh: '第八十四年',
      ar: 'السنة الرابعة والثمانون',
    },
  ],
  [
    2045,
    {
      en: 'One hundredth year',
      fr: 'Centième année',
      es: 'Centésimo año',
      ru: 'Сотый год',
      zh: '第一百年',
      ar: 'السنة المائة',
    },
  ],
  [
    2046,
    {
      en: 'One hundred and first year',
      fr: 'Cent unième année',
      es: 'Centésimo primer año',
      ru: 'Сто первый год',
      zh: '第一百零一年',
      ar: 'السنة الحادية بعد المائة',
    },
  ],
  [
    2095,
    {
      en: 'One hundred and fiftieth year',
      fr: 'Cent cinquantième année',
      es: 'Centésimo quincuagésimo año',
      ru: 'Сто пятидесятый год',
      zh: '第一百五十年',
      ar: 'السنة الخمسون بعد المائة',
    },
  ],
];

const cases = (rows: Row[]) =>
  rows.flatMap(([n, forms]) => LANGUAGES.map((lang) => [n, lang, forms[lang]] as const));

describe('GA session lines', () => {
  it.each(cases(SESSIONS))('session %i in %s is %s', (n, lang, expected) => {
    expect(sessionLine(n, lang)).toBe(expected);
  });
});

describe('Security Council and ECOSOC year lines (year − 1945)', () => {
  it.each(cases(YEARS))('%i in %s is %s', (year, lang, expected) => {
    expect(yearLine(year, lang)).toBe(expected);
  });
});

describe('ordinals in running text (lower case), as in the corpus', () => {
  it.each([
    [31, 'fr', {}, 'trente et unième'], // UNPC 111
    [131, 'fr', {}, 'cent trente et unième'], // UNPC 2783
    [93, 'fr', {}, 'quatre-vingt-treizième'],
    [70, 'fr', {}, 'soixante-dixième'], // UNPC 172
    [131, 'ar', { gender: 'feminine' }, 'الحادية والثلاثون بعد المائة'], // UNPC 2783
    [12, 'ar', { gender: 'feminine' }, 'الثانية عشرة'], // UNPC 943
    [69, 'es', { beforeNoun: true }, 'sexagésimo noveno'], // UNPC 172
  ] as const)('%i in %s %o is %s', (n, lang, options, expected) => {
    expect(ordinal(n, lang, options)).toBe(expected);
  });
});

describe('grammar', () => {
  it('French "premier" agrees in gender', () => {
    expect(ordinal(1, 'fr', { gender: 'masculine' })).toBe('premier');
    expect(ordinal(1, 'fr', { gender: 'feminine' })).toBe('première');
  });

  it('Spanish apocopates primero/tercero only right before a masculine noun', () => {
    expect(ordinal(81, 'es')).toBe('octogésimo primero');
    expect(ordinal(81, 'es', { beforeNoun: true })).toBe('octogésimo primer');
    expect(ordinal(13, 'es')).toBe('decimotercero');
    expect(ordinal(83, 'es', { beforeNoun: true })).toBe('octogésimo tercer');
    expect(ordinal(81, 'es', { gender: 'feminine', beforeNoun: true })).toBe('octogésima primera');
    expect(ordinal(18, 'es')).toBe('decimoctavo');
    expect(ordinal(12, 'es')).toBe('duodécimo');
  });

  it('Russian ordinals agree in gender on the last word only, without ё', () => {
    expect(ordinal(121, 'ru', { gender: 'feminine' })).toBe('сто двадцать первая');
    expect(ordinal(43, 'ru', { gender: 'feminine' })).toBe('сорок третья');
    expect(ordinal(40, 'ru', { gender: 'feminine' })).toBe('сороковая');
    expect(ordinal(84, 'ru', { gender: 'masculine' })).toBe('восемьдесят четвертый');
  });

  it('Arabic masculine ordinals exist for other nouns', () => {
    expect(ordinal(1, 'ar')).toBe('الأول');
    expect(ordinal(11, 'ar')).toBe('الحادي عشر');
    expect(ordinal(21, 'ar')).toBe('الحادي والعشرون');
    expect(ordinal(101, 'ar')).toBe('الحادي بعد المائة');
  });

  it('refuses numbers outside 1–199', () => {
    for (const n of [0, -1, 200, 1.5, Number.NaN]) expect(() => ordinal(n, 'en')).toThrow(RangeError);
  });

  it('capitalizes only the first letter', () => {
    expect(capitalizeFirst('soixante-dix-neuvième session', 'fr')).toBe('Soixante-dix-neuvième session');
    expect(capitalizeFirst('', 'en')).toBe('');
  });
});

describe('properties for every number 1–150', () => {
  const n = fc.integer({ min: 1, max: 150 });

  it('distinct numbers give distinct ordinals in every language and gender', () => {
    for (const lang of LANGUAGES) {
      for (const gender of ['masculine', 'feminine'] as const) {
        const forms = new Set(
          Array.from({ length: MAX_ORDINAL }, (_, i) => ordinal(i + 1, lang, { gender })),
        );
        expect(forms.size).toBe(MAX_ORDINAL);
      }
    }
  });

  it('Chinese numerals read back to the number', () => {
    const digits = '零一二三四五六七八九';
    const read = (s: string): number => {
      let total = 0;
      let current = 0;
      for (const ch of s) {
        const d = digits.indexOf(ch);
        if (d >= 0) current = d;
        else if (ch === '十') {
          total += (current || 1) * 10;
          current = 0;
        } else if (ch === '百') {
          total += current * 100;
          current = 0;
        }
      }
      return total + current;
    };
    fc.assert(fc.property(n, (k) => read(chineseNumeral(k)) === k));
  });

  it('Russian masculine and feminine differ in the last word only, and never use ё', () => {
    fc.assert(
      fc.property(n, (k) => {
        const m = ordinal(k, 'ru', { gender: 'masculine' }).split(' ');
        const f = ordinal(k, 'ru', { gender: 'feminine' }).split(' ');
        return m.slice(0, -1).join(' ') === f.slice(0, -1).join(' ') && !`${m}${f}`.includes('ё');
      }),
    );
  });

  it('Arabic ordinals above 100 are the ordinal of the remainder "after the hundred"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 102, max: 150 }), (k) => {
        const rest = ordinal(k - 100, 'ar', { gender: 'feminine' });
        return ordinal(k, 'ar', { gender: 'feminine' }) === `${rest} بعد المائة`;
      }),
    );
  });

  it('French uses "et un" exactly for 21, 31, 41, 51, 61 and "et onze" for 71', () => {
    fc.assert(
      fc.property(n, (k) => {
        const withEt = ordinal(k, 'fr', { gender: 'feminine' }).includes(' et ');
        const rest = k % 100;
        return withEt === [21, 31, 41, 51, 61, 71].includes(rest);
      }),
    );
  });
});
