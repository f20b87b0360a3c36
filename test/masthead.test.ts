import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DocumentInput, documentSchema } from '../functions/domain/document.ts';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import {
  agendaLine,
  annexNotes,
  footerText,
  type MastheadText,
  mastheadText,
  pleaseRecycle,
  signatureLines,
} from '../functions/domain/masthead.ts';
import { clearStringsCache, strings, templatesDir } from '../functions/domain/strings.ts';
import { SAMPLE_IDENTITY } from './support/fixtures.ts';

const NBSP = '\u00a0';
const EN_TITLE = 'Comprehensive review of the whole question of peacekeeping operations in all their aspects';
const FR_TITLE =
  "Étude d'ensemble de toute la question des opérations de maintien de la paix sous tous leurs aspects";

/** A/79/923-S/2025/341, the design sample (its French version, as the UN issued it, is the reference). */
const sample: DocumentInput = {
  ...SAMPLE_IDENTITY,
  circulation: [
    { organ: 'GA', session: 79, agendaItems: [{ item: '51', title: { en: EN_TITLE, fr: FR_TITLE } }] },
    { organ: 'SC', year: 2025 },
  ],
  versions: {},
};
const doc = documentSchema.parse(sample);

/** Masthead lines in every language; fr is the real sample, the rest follow the verified patterns. */
const EXPECTED: Record<Lang, MastheadText> = {
  en: {
    unitedNations: 'United Nations',
    symbols: 'A/79/923-S/2025/341',
    organs: ['General Assembly', 'Security Council'],
    blocks: [
      {
        organ: 'General Assembly',
        period: 'Seventy-ninth session',
        agenda: { line: 'Agenda item 51', titles: [EN_TITLE] },
      },
      { organ: 'Security Council', period: 'Eightieth year' },
    ],
    distribution: 'Distr.: General',
    date: '3 June 2025',
    original: 'Original: English',
  },
  fr: {
    unitedNations: 'Nations Unies',
    symbols: 'A/79/923-S/2025/341',
    organs: ['Assemblée générale', 'Conseil de sécurité'],
    blocks: [
      {
        organ: 'Assemblée générale',
        period: 'Soixante-dix-neuvième session',
        agenda: { line: "Point 51 de l'ordre du jour", titles: [FR_TITLE] },
      },
      { organ: 'Conseil de sécurité', period: 'Quatre-vingtième année' },
    ],
    distribution: 'Distr. générale',
    date: '3 juin 2025',
    versionLanguage: 'Français',
    original: `Original${NBSP}: anglais`,
  },
  es: {
    unitedNations: 'Naciones Unidas',
    symbols: 'A/79/923-S/2025/341',
    organs: ['Asamblea General', 'Consejo de Seguridad'],
    blocks: [
      {
        organ: 'Asamblea General',
        period: 'Septuagésimo noveno período de sesiones',
        agenda: { line: 'Tema 51 del programa', titles: [EN_TITLE] },
      },
      { organ: 'Consejo de Seguridad', period: 'Octogésimo año' },
    ],
    distribution: 'Distr. general',
    date: '3 de junio de 2025',
    versionLanguage: 'Español',
    original: 'Original: inglés',
  },
  ru: {
    unitedNations: 'Организация Объединенных Наций',
    symbols: 'A/79/923-S/2025/341',
    organs: ['Генеральная Ассамблея', 'Совет Безопасности'],
    blocks: [
      {
        organ: 'Генеральная Ассамблея',
        period: 'Семьдесят девятая сессия',
        agenda: { line: 'Пункт 51 повестки дня', titles: [EN_TITLE] },
      },
      { organ: 'Совет Безопасности', period: 'Восьмидесятый год' },
    ],
    distribution: 'Distr.: General',
    date: '3 June 2025',
    versionLanguage: 'Russian',
    original: 'Original: English',
  },
  zh: {
    unitedNations: '联合国',
    symbols: 'A/79/923-S/2025/341',
    organs: ['大  会', '安全理事会'],
    blocks: [
      { organ: '大会', period: '第七十九届会议', agenda: { line: '议程项目51', titles: [EN_TITLE] } },
      { organ: '安全理事会', period: '第八十年' },
    ],
    distribution: 'Distr.: General',
    date: '3 June 2025',
    versionLanguage: 'Chinese',
    original: 'Original: English',
  },
  ar: {
    unitedNations: 'الأمم المتحدة',
    symbols: 'A/79/923-S/2025/341',
    organs: ['الجمعية العامة', 'مجلس الأمن'],
    blocks: [
      {
        organ: 'الجمعية العامة',
        period: 'الدورة التاسعة والسبعون',
        agenda: { line: 'البند 51 من جدول الأعمال', titles: [EN_TITLE] },
      },
      { organ: 'مجلس الأمن', period: 'السنة الثمانون' },
    ],
    distribution: 'Distr.: General',
    date: '3 June 2025',
    versionLanguage: 'Arabic',
    original: 'Original: English',
  },
};

describe('masthead of A/79/923-S/2025/341', () => {
  it.each(LANGUAGES)('%s', (lang) => {
    expect(mastheadText(doc, lang)).toEqual(EXPECTED[lang]);
  });

  it('French lines equal the real sample, with its straight apostrophe and no-break space', () => {
    const m = mastheadText(doc, 'fr');
    const [ga, sc] = m.blocks;
    expect([m.distribution, m.date, m.versionLanguage, m.original]).toEqual([
      'Distr. générale',
      '3 juin 2025',
      'Français',
      'Original\u00a0: anglais',
    ]);
    expect([ga?.organ, ga?.period, ga?.agenda?.line, sc?.organ, sc?.period]).toEqual([
      'Assemblée générale',
      'Soixante-dix-neuvième session',
      "Point 51 de l'ordre du jour",
      'Conseil de sécurité',
      'Quatre-vingtième année',
    ]);
    expect(ga?.agenda?.line).not.toContain('\u2019');
  });

  it('names the version language in translations of a non-English original', () => {
    const fromFrench = documentSchema.parse({ ...sample, originalLanguage: 'fr' });
    expect(mastheadText(fromFrench, 'en')).toMatchObject({
      versionLanguage: 'English',
      original: 'Original: French',
    });
    expect(mastheadText(fromFrench, 'fr').versionLanguage).toBeUndefined();
    expect(mastheadText(fromFrench, 'ru').original).toBe('Original: French');
  });

  it('puts the General Assembly first whatever the circulation order', () => {
    const scFirst = documentSchema.parse({ ...sample, circulation: [...sample.circulation].reverse() });
    expect(mastheadText(scFirst, 'en').organs).toEqual(['General Assembly', 'Security Council']);
    expect(mastheadText(scFirst, 'en').blocks.map((b) => b.organ)).toEqual([
      'General Assembly',
      'Security Council',
    ]);
  });

  it('prints distribution categories', () => {
    const limited = documentSchema.parse({ ...sample, distribution: 'limited' });
    expect(mastheadText(limited, 'en').distribution).toBe('Distr.: Limited');
    expect(mastheadText(limited, 'ru').distribution).toBe('Distr.: Limited');
    const restricted = documentSchema.parse({ ...sample, distribution: 'restricted' });
    expect(mastheadText(restricted, 'es').distribution).toBe('Distr. reservada');
  });

  it('gives ECOSOC its year line', () => {
    const ecosoc = documentSchema.parse({ ...sample, circulation: [{ organ: 'ECOSOC', year: 2026 }] });
    expect(mastheadText(ecosoc, 'fr').blocks).toEqual([
      { organ: 'Conseil économique et social', period: 'Quatre-vingt-unième année' },
    ]);
  });
});

describe('agenda lines', () => {
  // UNPC dev lines 147, 390, 511 and 2677: the same line in all six languages.
  it.each([
    [
      ['113 (b)'],
      {
        en: 'Agenda item 113 (b)',
        fr: "Point 113 b) de l'ordre du jour",
        es: 'Tema 113 b) del programa',
        ru: 'Пункт 113(b) повестки дня',
        zh: '议程项目113(b)',
        ar: 'البند 113 (ب) من جدول الأعمال',
      },
    ],
    [
      ['132', '17 (c)'],
      {
        en: 'Agenda items 132 and 17 (c)',
        fr: "Points 132 et 17 c) de l'ordre du jour",
        es: 'Temas 132 y 17 c) del programa',
        ru: 'Пункты 132 и 17(c) повестки дня',
        zh: '议程项目132和17(c)',
        ar: 'البندان 132 و 17 (ج) من جدول الأعمال',
      },
    ],
    [
      ['13 (a)', '115'],
      {
        en: 'Agenda items 13 (a) and 115',
        fr: "Points 13 a) et 115 de l'ordre du jour",
        es: 'Temas 13 a) y 115 del programa',
        // The corpus line has a Cyrillic а here, a typing slip: Latin letters elsewhere (113(b), 17(c)).
        ru: 'Пункты 13(a) и 115 повестки дня',
        zh: '议程项目13(a)和115',
        ar: 'البندان 13 (أ) و 115 من جدول الأعمال',
      },
    ],
    [
      ['33', '38'],
      {
        en: 'Agenda items 33 and 38',
        fr: "Points 33 et 38 de l'ordre du jour",
        es: 'Temas 33 y 38 del programa',
        ru: 'Пункты 33 и 38 повестки дня',
        zh: '议程项目33和38',
        ar: 'البندان 33 و 38 من جدول الأعمال',
      },
    ],
  ] as const)('%j', (items, expected) => {
    for (const lang of LANGUAGES) expect(agendaLine(items, lang)).toBe(expected[lang]);
  });

  it('lists three or more items (derived)', () => {
    expect(agendaLine(['12', '13', '15 (d)'], 'en')).toBe('Agenda items 12, 13 and 15 (d)');
    expect(agendaLine(['12', '13', '15'], 'fr')).toBe("Points 12, 13 et 15 de l'ordre du jour");
    expect(agendaLine(['12', '13', '15'], 'zh')).toBe('议程项目12、13和15');
    expect(agendaLine(['12', '13', '15'], 'ar')).toBe('البنود 12، 13 و 15 من جدول الأعمال');
  });

  it('refuses an empty list or a malformed item', () => {
    expect(() => agendaLine([], 'en')).toThrow();
    expect(() => agendaLine(['17(c)'], 'en')).toThrow(/17\(c\)/);
  });

  it('falls back to the English title, then to any title', () => {
    const onlyEs = documentSchema.parse({
      ...sample,
      circulation: [
        { organ: 'GA', session: 79, agendaItems: [{ item: '51', title: { es: 'Examen amplio' } }] },
      ],
    });
    expect(mastheadText(onlyEs, 'ru').blocks[0]?.agenda?.titles).toEqual(['Examen amplio']);
  });
});

describe('signature lines', () => {
  const spain = {
    name: 'Héctor Gómez Hernández',
    title: ['Ambassador', 'Permanent Representative of Spain to the United Nations'],
  };

  it('English: signed line, then the title (A/80/434)', () => {
    expect(signatureLines(spain, 'en', 'letter')).toEqual([
      '(Signed) Héctor Gómez Hernández',
      'Ambassador',
      'Permanent Representative of Spain to the United Nations',
    ]);
  });

  it('French: title, then the signed line (sample)', () => {
    const germany = {
      name: 'Antje **Leendertse**',
      title: [
        "L'Ambassadrice, Représentante permanente de l'Allemagne auprès de l'Organisation des Nations Unies",
      ],
    };
    expect(signatureLines(germany, 'fr', 'letter')).toEqual([
      "L'Ambassadrice, Représentante permanente de l'Allemagne auprès de l'Organisation des Nations Unies",
      '(Signé) Antje **Leendertse**',
    ]);
  });

  it('every language marks the signature', () => {
    expect(signatureLines(spain, 'es', 'letter')[0]).toBe('(Firmado) Héctor Gómez Hernández');
    expect(signatureLines(spain, 'ru', 'letter')[0]).toBe('(Подпись) Héctor Gómez Hernández');
    expect(signatureLines(spain, 'zh', 'letter').at(-1)).toBe('Héctor Gómez Hernández（签名）');
    expect(signatureLines(spain, 'ar', 'letter')[0]).toBe('(توقيع) Héctor Gómez Hernández');
  });

  it('notes verbales and unsigned letters have none', () => {
    expect(signatureLines(spain, 'en', 'note-verbale')).toEqual([]);
    expect(signatureLines(undefined, 'en', 'letter')).toEqual([]);
  });
});

describe('annex notes', () => {
  it('names the language of an annex submitted in another language', () => {
    const annex = { heading: 'Annex', originalLanguage: 'fr' as const };
    expect(annexNotes(annex, doc, 'en')).toEqual({ original: '[Original: French]' });
    expect(annexNotes(annex, doc, 'fr')).toEqual({ original: `[Original${NBSP}: français]` });
    expect(annexNotes(annex, doc, 'es')).toEqual({ original: '[Original: francés]' });
    expect(annexNotes(annex, doc, 'ru')).toEqual({ original: '[Подлинный текст на французском языке]' });
  });

  it('says nothing when the annex is in the document language', () => {
    expect(annexNotes({ heading: 'Annex' }, doc, 'fr')).toEqual({});
    expect(annexNotes({ heading: 'Annex', originalLanguage: 'en' }, doc, 'fr')).toEqual({});
  });

  it('footnotes an annex circulated in the language of submission only', () => {
    const annex = { heading: 'Annex', languageOfSubmissionOnly: true };
    expect(annexNotes(annex, doc, 'en')).toEqual({
      footnote: 'Circulated in the language of submission only.',
    });
    for (const lang of LANGUAGES)
      expect(annexNotes(annex, doc, lang).footnote).toBe(strings(lang).languageOfSubmissionOnly);
  });
});

describe('footer', () => {
  it('original version: job with its letter and one stamp', () => {
    expect(footerText(doc, 'en')).toEqual({ job: '25-08590 (E)', stamps: ['030625'] });
  });

  it('translations: two stamps, the publication date when known', () => {
    expect(footerText(doc, 'fr')).toEqual({ job: '25-08590 (F)', stamps: ['030625', '030625'] });
    const published = documentSchema.parse({ ...sample, published: '2025-06-10', jobNumber: '25-08590*' });
    expect(footerText(published, 'ar')).toEqual({ job: '25-08590* (A)', stamps: ['100625', '100625'] });
    expect(footerText(published, 'en').stamps).toEqual(['100625']);
  });

  it('please recycle', () => {
    expect(pleaseRecycle('en')).toBe('Please recycle');
    expect(pleaseRecycle('fr')).toBe('Merci de recycler');
  });
});

describe('strings files', () => {
  const saved = process.env.DISTR_TEMPLATES_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.DISTR_TEMPLATES_DIR;
    else process.env.DISTR_TEMPLATES_DIR = saved;
    clearStringsCache();
  });

  it('every language file loads and validates', () => {
    for (const lang of LANGUAGES) expect(strings(lang).months).toHaveLength(12);
  });

  it('ru, zh and ar keep the English masthead lines', () => {
    for (const lang of ['ru', 'zh', 'ar'] as const) {
      const s = strings(lang);
      expect(s.distribution).toEqual(strings('en').distribution);
      expect(s.original).toEqual(strings('en').original);
      expect(s.mastheadDateLanguage).toBe('en');
    }
  });

  it('reads another templates directory from DISTR_TEMPLATES_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'distr-templates-'));
    try {
      cpSync(join(templatesDir(), 'strings'), join(dir, 'strings'), { recursive: true });
      const file = join(dir, 'strings', 'en.json');
      writeFileSync(
        file,
        JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), pleaseRecycle: 'Recycle' }),
      );
      process.env.DISTR_TEMPLATES_DIR = dir;
      clearStringsCache();
      expect(pleaseRecycle('en')).toBe('Recycle');

      writeFileSync(file, JSON.stringify({ unitedNations: 'United Nations' }));
      clearStringsCache();
      expect(() => strings('en')).toThrow(/en\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
