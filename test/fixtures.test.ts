/**
 * The design-sample fixtures (test/fixtures/README.md): A/79/923-S/2025/341 in six languages, the
 * mission's English submission of the same letter and a few GA 79 agenda items.
 * The French strings below are copied from the real UN text of the document; the tests do not read
 * anything outside the repository.
 */
import { describe, expect, it } from 'vitest';
import { agendaItemSchema, type Version } from '../functions/domain/document.ts';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import { fixture, loadFixture, SAMPLE_IDENTITY } from './support/fixtures.ts';

const doc = loadFixture();
const submission = fixture('sample-submission.json') as {
  title: string;
  body: string;
  annexes: { heading: string; title: string; body: string; languageOfSubmissionOnly: boolean }[];
  [key: string]: unknown;
};
const agenda = fixture('agenda-GA-79.json') as { items: unknown[] };

const NBSP = '\u00a0';
const version = (lang: Lang): Version => {
  const v = doc.versions[lang];
  if (!v) throw new Error(`no ${lang} version`);
  return v;
};
/** All running text of a version that carries the letter's figures (the signature has none). */
const figureText = (v: Version): string =>
  [v.title, v.body, ...v.annexes.flatMap((a) => [a.heading, a.title ?? '', a.body ?? ''])].join('\n');
const allText = (v: Version): string =>
  [figureText(v), v.signature?.name ?? '', ...(v.signature?.title ?? [])].join('\n');
const annexBody = (v: Version): string => v.annexes[0]?.body ?? '';
const paragraphs = (markdown: string): string[] => markdown.split(/\n\n/);

/**
 * The figures of a text as a sorted list, normalized across the six languages' conventions:
 * thousands are written `1 000` (fr, zh: no-break space), `1,000` (en), `1.000` (es) or `1000` (ru, ar)
 * and all count as 1000; Chinese writes the month as a number (`2025年5月30日`) where the other
 * languages write its name, so a number followed by 月 is not a figure of the text.
 */
const figures = (text: string, lang: Lang): string[] => {
  let t = text.replace(/(?<!\d)(\d{1,3})(?:[ \u00a0\u202f,.]\d{3})+(?!\d)/g, (m) => m.replace(/\D/g, ''));
  if (lang === 'zh') t = t.replace(/\d{1,2}(?=月)/g, '');
  return (t.match(/\d+/g) ?? []).sort();
};

describe('figures()', () => {
  it('reads thousands and Chinese dates the same way in every language', () => {
    expect(figures(`plus de 1${NBSP}000 le 30 mai 2025`, 'fr')).toEqual(['1000', '2025', '30']);
    expect(figures('more than 1,000 on 30 May 2025', 'en')).toEqual(['1000', '2025', '30']);
    expect(figures('más de 1.000 el 30 de mayo de 2025', 'es')).toEqual(['1000', '2025', '30']);
    expect(figures('2025年5月30日1 000多', 'zh')).toEqual(['1000', '2025', '30']);
    expect(figures('resolution 2719 (2023), 13 and 14', 'en')).toEqual(['13', '14', '2023', '2719']);
  });
});

describe('A/79/923-S/2025/341 document file', () => {
  it('parses with the document schema and has the metadata of the real document', () => {
    expect(doc).toMatchObject({ ...SAMPLE_IDENTITY, distribution: 'general' });
    expect(doc.circulation).toEqual([
      expect.objectContaining({ organ: 'GA', session: 79 }),
      { organ: 'SC', year: 2025 },
    ]);
  });

  it('has all six language versions, each with a signature and one annex', () => {
    expect(Object.keys(doc.versions).sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) {
      const v = version(lang);
      expect(v.signature?.name, lang).toMatch(/\*\*[^*]+\*\*$/);
      expect(v.annexes, lang).toHaveLength(1);
      expect(v.annexes[0]?.title?.length ?? 0, lang).toBeGreaterThan(20);
    }
  });

  it('gives the agenda item 51 title in all six languages', () => {
    const ga = doc.circulation[0];
    if (ga?.organ !== 'GA') throw new Error('GA first');
    expect(ga.agendaItems).toHaveLength(1);
    const item = ga.agendaItems[0];
    expect(item?.item).toBe('51');
    expect(Object.keys(item?.title ?? {}).sort()).toEqual([...LANGUAGES].sort());
    expect(item?.title.fr).toBe(
      "Étude d'ensemble de toute la question des opérations de maintien de la paix sous tous leurs aspects",
    );
    expect(item?.title.en).toBe(
      'Comprehensive review of the whole question of peacekeeping operations in all their aspects',
    );
  });

  it('only the French version is the UN text; the others are marked unofficial', () => {
    expect(version('fr').unofficial).toBeUndefined();
    for (const lang of LANGUAGES.filter((l) => l !== 'fr')) expect(version(lang).unofficial, lang).toBe(true);
  });
});

describe('French version: the real text of the sample', () => {
  const fr = version('fr');

  it('has the title, three paragraphs and the signature of the real letter', () => {
    expect(fr.title).toBe(
      "Lettres identiques datées du 30 mai 2025, adressées au Secrétaire général et au Président du Conseil de sécurité par la Représentante permanente de l'Allemagne auprès de l'Organisation des Nations Unies",
    );
    const body = paragraphs(fr.body);
    expect(body).toHaveLength(3);
    expect(body[0]).toBe(
      "J'ai l'honneur de vous faire tenir ci-joint le résumé établi par la présidence de la Conférence ministérielle des Nations Unies de 2025 sur le maintien de la paix, qui s'est tenue à Berlin les 13 et 14 mai 2025 (voir annexe).",
    );
    expect(body[1]).toContain(
      `En tout, 133 États Membres, dont 54 étaient représentés par leur Ministre des affaires étrangères ou leur Ministre de la défense, 8 organisations internationales et plus de 1${NBSP}000 représentants y ont participé.`,
    );
    expect(body[2]).toBe(
      "Je vous serais reconnaissante de bien vouloir faire distribuer le texte de la présente lettre et de son annexe comme document de l'Assemblée générale, au titre du point 51 de l'ordre du jour, et du Conseil de sécurité.",
    );
    expect(fr.signature).toEqual({
      name: 'Antje **Leendertse**',
      title: [
        "L'Ambassadrice,",
        "Représentante permanente de l'Allemagne auprès de l'Organisation des Nations Unies",
      ],
    });
  });

  it('has the annex heading, title and chair’s summary of the real annex', () => {
    const annex = fr.annexes[0];
    expect(annex?.heading).toBe(
      "Annexe aux lettres identiques datées du 30 mai 2025 adressées au Secrétaire général et au Président du Conseil de sécurité par la Représentante permanente de l'Allemagne auprès de l'Organisation des Nations Unies",
    );
    expect(annex?.title).toBe(
      'Conférence ministérielle des Nations Unies de 2025 sur le maintien de la paix, tenue à Berlin, les 13 et 14 mai 2025',
    );
    const body = annexBody(fr);
    expect(paragraphs(body)[0]).toBe('## Résumé établi par la présidence');
    expect(body).toContain(`l'Allemagne tire les conclusions suivantes${NBSP}:`);
    expect(body).toContain(
      "Ils ont pris note de l'étude indépendante intitulée *L'avenir du maintien de la paix, nouveaux modèles et capacités connexes*, ressource utile",
    );
    expect(body).toContain(
      "Se référant à la résolution 2719 (2023) du Conseil de sécurité, qui constituait une étape cruciale pour que les opérations d'appui à la paix de l'Union africaine disposent d'une assise financière plus viable",
    );
    // A paragraph split by a page break in the PDF is whole again.
    expect(body).toContain(
      "Ils ont salué les efforts faits pour renforcer l'efficacité des opérations de paix, notamment par l'utilisation de la technologie.",
    );
    expect(body).toContain(
      'en accordant une attention particulière aux besoins des femmes, des jeunes et des groupes marginalisés',
    );
    expect(body).toMatch(
      /Ils ont également noté que les changements climatiques aggravaient les conflits et entravaient l'exécution des mandats\.$/,
    );
  });

  it('has no extraction artefacts: page footers, stray heading levels, space before a colon', () => {
    const text = allText(fr);
    expect(text).not.toMatch(/25-08590|\d\/4\b/);
    expect(text).not.toMatch(/^#(?!# )/m);
    expect(text).not.toMatch(/ [:;!?]/);
  });
});

describe('every version', () => {
  const fr = version('fr');

  it.each(LANGUAGES)(
    '%s: letter of three paragraphs, annex with the subtitle and sections 1 to 9',
    (lang) => {
      const v = version(lang);
      expect(paragraphs(v.body)).toHaveLength(3);
      const annex = paragraphs(annexBody(v));
      expect(annex).toHaveLength(paragraphs(annexBody(fr)).length);
      expect(annex[0]).toMatch(/^## \S/);
      // Section headings: `## 1. …`; Arabic numbers them the UN Arabic way, `## 1 - …`.
      const sections = annex.filter((p) => /^## \d/.test(p)).map((p) => p.match(/^## (\d+)(\.| -) \S/)?.[1]);
      expect(sections).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
      // Same paragraph layout as the French: headings where the French has headings.
      expect(annex.map((p) => p.startsWith('## '))).toEqual(
        paragraphs(annexBody(fr)).map((p) => p.startsWith('## ')),
      );
    },
  );

  it.each(LANGUAGES)('%s: has the same figures as the French text', (lang) => {
    expect(figures(figureText(version(lang)), lang)).toEqual(figures(figureText(fr), 'fr'));
  });

  it('keeps resolution numbers and the study title in every language', () => {
    for (const lang of LANGUAGES) {
      const body = annexBody(version(lang));
      expect(body, lang).toMatch(/2719 ?\(2023\)/);
      expect(body, lang).toMatch(/1325 ?\(2000\)/);
    }
  });

  it('has the titles and request sentences in the UN form of each language, feminine where the UN marks it', () => {
    const expected: Record<Lang, { title: string; request: string }> = {
      en: {
        title:
          'Identical letters dated 30 May 2025 from the Permanent Representative of Germany to the United Nations addressed to the Secretary-General and the President of the Security Council',
        request:
          'I should be grateful if the present letter and its annex could be circulated as a document of the General Assembly, under agenda item 51, and of the Security Council.',
      },
      fr: {
        title: fr.title,
        request: 'Je vous serais reconnaissante de bien vouloir faire distribuer',
      },
      es: {
        title:
          'Cartas idénticas de fecha 30 de mayo de 2025 dirigidas al Secretario General y a la Presidencia del Consejo de Seguridad por la Representante Permanente de Alemania ante las Naciones Unidas',
        request:
          'Le agradecería que tuviera a bien hacer distribuir la presente carta y su anexo como documento de la Asamblea General, en relación con el tema 51 del programa, y del Consejo de Seguridad.',
      },
      ru: {
        title:
          'Идентичные письма Постоянного представителя Германии при Организации Объединенных Наций от 30 мая 2025 года на имя Генерального секретаря и Председателя Совета Безопасности',
        request:
          'Буду признательна за распространение настоящего письма и приложения к нему в качестве документа Генеральной Ассамблеи по пункту 51 повестки дня и документа Совета Безопасности.',
      },
      zh: {
        title: '2025年5月30日德国常驻联合国代表给秘书长和安全理事会主席的同文信',
        request: '请将本信及其附件作为大会议程项目51项下和安全理事会的文件分发为荷。',
      },
      ar: {
        title:
          'رسالتان متطابقتان مؤرختان 30 أيار/مايو 2025 موجهتان إلى الأمين العام ورئيس مجلس الأمن من الممثلة الدائمة لألمانيا لدى الأمم المتحدة',
        request:
          'وأرجو ممتنة تعميم نص هذه الرسالة ومرفقها بوصفهما وثيقة من وثائق الجمعية العامة، في إطار البند 51 من جدول الأعمال، ومن وثائق مجلس الأمن.',
      },
    };
    for (const lang of LANGUAGES) {
      const v = version(lang);
      expect(v.title, lang).toBe(expected[lang].title);
      expect(paragraphs(v.body)[2], lang).toContain(expected[lang].request);
    }
  });

  it('writes the dates of the meeting in each language’s UN form', () => {
    const meeting: Record<Lang, string> = {
      en: '13 and 14 May 2025',
      fr: 'les 13 et 14 mai 2025',
      es: 'los días 13 y 14 de mayo de 2025',
      ru: '13 и 14 мая 2025 года',
      zh: '2025年5月13日和14日',
      ar: 'يومي 13 و 14 أيار/مايو 2025',
    };
    for (const lang of LANGUAGES) {
      expect(paragraphs(version(lang).body)[0], lang).toContain(meeting[lang]);
      expect(version(lang).annexes[0]?.title, lang).toContain(meeting[lang]);
    }
  });
});

describe('script conventions', () => {
  it('Arabic uses Western digits, the Arabic comma and the UN dual month name', () => {
    const text = allText(version('ar'));
    expect(text).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
    expect(text).not.toMatch(/[,;?]/);
    expect(text).toContain('،');
    expect(text).toContain('أيار/مايو');
    expect(text).not.toMatch(/(?<!أيار\/)مايو/);
  });

  it('Chinese uses full-width punctuation (half-width only in resolution numbers and heading numbers)', () => {
    const text = allText(version('zh'));
    for (const mark of ['，', '。', '、', '：', '；', '（', '）', '《', '》']) expect(text).toContain(mark);
    const stripped = text
      .replace(/第\d+\(\d{4}\)号决议/g, '')
      .replace(/^## \d\. /gm, '')
      .replace(/（[A-Za-z ]+）/g, '')
      .replace(/\*\*/g, '');
    expect(stripped).not.toMatch(/[,.:;!?()"'<>]/);
    // No space between Chinese and digits, except the no-break space of `1 000`.
    expect(stripped).not.toMatch(/[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]/);
  });

  it('Russian is written without ё, as the UN does', () => {
    expect(allText(version('ru'))).not.toMatch(/[ёЁ]/);
  });

  it('French sets a no-break space before a colon', () => {
    const text = allText(version('fr'));
    expect(text).toContain(`${NBSP}:`);
    expect(text).not.toMatch(/[^\u00a0]:/);
  });
});

describe('sample-submission.json', () => {
  const en = version('en');

  it('is the English version as the mission submits it', () => {
    expect(submission).toMatchObject({
      kind: 'letter',
      date: '2025-05-30',
      language: 'en',
      from: {
        state: 'DEU',
        signatory: 'Antje **Leendertse**',
        title: ['Permanent Representative of Germany to the United Nations'],
      },
      addressees: ['secretary-general', 'president-security-council'],
      circulation: [{ organ: 'GA', session: 79, agendaItems: ['51'] }, { organ: 'SC' }],
    });
    expect(submission.title).toBe(en.title);
    expect(submission.body).toBe(en.body);
    expect(submission.annexes).toEqual(
      en.annexes.map((a) => ({
        heading: a.heading,
        title: a.title,
        body: a.body,
        languageOfSubmissionOnly: false,
      })),
    );
  });
});

describe('agenda-GA-79.json', () => {
  it('lists valid agenda items with titles in all six languages, including item 51 as in the document', () => {
    const items = agenda.items.map((i) => agendaItemSchema.parse(i));
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items)
      expect(Object.keys(item.title).sort(), item.item).toEqual([...LANGUAGES].sort());
    const ga = doc.circulation[0];
    if (ga?.organ !== 'GA') throw new Error('GA first');
    expect(items.find((i) => i.item === '51')).toEqual(ga.agendaItems[0]);
    expect(items.find((i) => i.item === '53')?.title.en).toBe('Questions relating to information');
  });
});
