import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MEMBER_STATES, OBSERVER_STATES, STATE_CODES, stateName } from '../functions/domain/member-states.ts';
import {
  countWords,
  MAX_INLINE_PDF_BYTES,
  MAX_WORDS,
  type Problem,
  parseSubmission,
  submissionSchema,
} from '../functions/domain/submission.ts';
import { fixture } from './support/fixtures.ts';

/** The German identical letters of 30 May 2025 (A/79/923-S/2025/341) with the Berlin ministerial annex. */
const sample = fixture('sample-submission.json');
const now = new Date('2025-06-03T15:00:00Z');

const problemsOf = (input: unknown): Problem[] => {
  const result = parseSubmission(input, { now });
  if (result.ok) throw new Error('expected the submission to be rejected');
  return result.problems;
};
const fieldsOf = (input: unknown) => problemsOf(input).map((p) => p.field);
const withField = (patch: Record<string, unknown>) => ({ ...sample, ...patch });
const from = (patch: Record<string, unknown>) => withField({ from: { ...sample.from, ...patch } });
const ga = { organ: 'GA', session: 79, agendaItems: ['51'] };
const textAnnex = { heading: 'Annex to the letter', body: 'Text.' };
const pdfBase64 = (bytes: number) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(bytes - 9)]).toString('base64');

describe('the sample letter', () => {
  it('passes, with the fields kept as submitted', () => {
    const result = parseSubmission(sample, { now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      kind: 'letter',
      date: '2025-05-30',
      language: 'en',
      from: { state: 'DEU', signatory: 'Antje **Leendertse**' },
      addressees: ['secretary-general', 'president-security-council'],
      circulation: [{ organ: 'GA', session: 79, agendaItems: ['51'] }, { organ: 'SC' }],
    });
    expect(result.value.annexes?.[0]?.title).toMatch(/Peacekeeping Ministerial, held in Berlin/);
  });

  it('passes on the day it is dated, in any time zone', () => {
    expect(parseSubmission(sample, { now: new Date('2025-05-29T12:00:00Z') }).ok).toBe(true);
    expect(parseSubmission(sample, { now: new Date('2025-05-29T09:00:00Z') }).ok).toBe(false);
  });

  it('can be described in JSON Schema for the OpenAPI document', () => {
    const schema = z.toJSONSchema(submissionSchema, { io: 'input' });
    expect(JSON.stringify(schema)).toContain('president-economic-and-social-council');
    expect(JSON.stringify(schema)).toContain('"DEU"');
  });
});

describe('every rule names its field', () => {
  const cases: [string, unknown, string][] = [
    ['kind is letter or note-verbale', withField({ kind: 'memo' }), '/kind'],
    [
      'a note verbale has no signatory',
      withField({ kind: 'note-verbale', from: { state: 'DEU', signatory: 'Antje **Leendertse**' } }),
      '/from/signatory',
    ],
    [
      'nor a signatory title',
      withField({ kind: 'note-verbale', from: { state: 'DEU', title: ['Permanent Representative'] } }),
      '/from/title',
    ],
    ['a letter is signed', from({ signatory: undefined }), '/from/signatory'],
    ['the signatory is not blank', from({ signatory: '  ' }), '/from/signatory'],
    ['state is a Member or observer State', from({ state: 'XKX' }), '/from/state'],
    ['state is alpha-3', from({ state: 'DE' }), '/from/state'],
    ['the signatory title is a list of lines', from({ title: 'Ambassador' }), '/from/title'],
    ['language is an official language', withField({ language: 'de' }), '/language'],
    ['date is an ISO date', withField({ date: '30 May 2025' }), '/date'],
    ['date exists', withField({ date: '2025-02-30' }), '/date'],
    ['date is not in the future', withField({ date: '2025-06-05' }), '/date'],
    ['addressees are known', withField({ addressees: ['president-human-rights-council'] }), '/addressees/0'],
    ['at least one addressee', withField({ addressees: [] }), '/addressees'],
    ['addressees are required', withField({ addressees: undefined }), '/addressees'],
    [
      'no duplicate addressee',
      withField({ addressees: ['secretary-general', 'president-security-council', 'secretary-general'] }),
      '/addressees/2',
    ],
    ['at least one organ', withField({ circulation: [] }), '/circulation'],
    ['organ is GA, SC or ECOSOC', withField({ circulation: [{ organ: 'HRC' }] }), '/circulation/0/organ'],
    [
      'each organ once',
      withField({ circulation: [ga, { organ: 'SC' }, { organ: 'SC' }] }),
      '/circulation/2/organ',
    ],
    [
      'GA needs a session',
      withField({ circulation: [{ organ: 'GA', agendaItems: ['51'] }] }),
      '/circulation/0/session',
    ],
    ['GA session is 1–150', withField({ circulation: [{ ...ga, session: 151 }] }), '/circulation/0/session'],
    ['GA session is whole', withField({ circulation: [{ ...ga, session: 79.5 }] }), '/circulation/0/session'],
    [
      'GA needs agenda items',
      withField({ circulation: [{ organ: 'GA', session: 79 }] }),
      '/circulation/0/agendaItems',
    ],
    [
      'GA needs at least one agenda item',
      withField({ circulation: [{ ...ga, agendaItems: [] }] }),
      '/circulation/0/agendaItems',
    ],
    [
      'an agenda item looks like 51 or 17 (c)',
      withField({ circulation: [{ ...ga, agendaItems: ['51', 'item 17'] }] }),
      '/circulation/0/agendaItems/1',
    ],
    [
      'agenda items are not repeated',
      withField({ circulation: [{ ...ga, agendaItems: ['51', '51'] }] }),
      '/circulation/0/agendaItems/1',
    ],
    [
      'SC has no session',
      withField({ circulation: [ga, { organ: 'SC', session: 80 }] }),
      '/circulation/1/session',
    ],
    [
      'ECOSOC has no year',
      withField({ circulation: [{ organ: 'ECOSOC', year: 2025 }] }),
      '/circulation/0/year',
    ],
    ['title is required', withField({ title: '' }), '/title'],
    ['body is required', withField({ body: undefined }), '/body'],
    ['at most 10 annexes', withField({ annexes: Array(11).fill(textAnnex) }), '/annexes'],
    ['an annex has a heading', withField({ annexes: [{ body: 'Text.' }] }), '/annexes/0/heading'],
    ['an annex has content', withField({ annexes: [{ heading: 'Annex' }] }), '/annexes/0/body'],
    [
      'an annex has one kind of content',
      withField({ annexes: [{ ...textAnnex, attachment: 'att_1' }] }),
      '/annexes/0/attachment',
    ],
    [
      'an attachment id is a safe token',
      withField({ annexes: [{ heading: 'Annex', attachment: '../../etc/passwd' }] }),
      '/annexes/0/attachment',
    ],
    [
      'an inline PDF is base64',
      withField({ annexes: [textAnnex, { heading: 'Annex', pdfBase64: 'not base64!' }] }),
      '/annexes/1/pdfBase64',
    ],
    [
      'an inline PDF is a PDF',
      withField({
        annexes: [{ heading: 'Annex', pdfBase64: Buffer.from('hello world!').toString('base64') }],
      }),
      '/annexes/0/pdfBase64',
    ],
    [
      'an inline PDF is at most 1 MB',
      withField({ annexes: [{ heading: 'Annex', pdfBase64: pdfBase64(MAX_INLINE_PDF_BYTES + 1) }] }),
      '/annexes/0/pdfBase64',
    ],
    [
      'languageOfSubmissionOnly is a boolean',
      withField({ annexes: [{ ...textAnnex, languageOfSubmissionOnly: 'yes' }] }),
      '/annexes/0/languageOfSubmissionOnly',
    ],
    ['the text is at most 10,700 words', withField({ body: 'word '.repeat(MAX_WORDS) }), '/body'],
    ['a Markdown table goes in a PDF annex', withField({ body: '| a | b |\n|---|---|\n| 1 | 2 |' }), '/body'],
    [
      'an image goes in a PDF annex',
      withField({ annexes: [{ heading: 'Annex', body: 'The map: ![map](map.png)' }] }),
      '/annexes/0/body',
    ],
    ['only characters the fonts have', from({ signatory: 'Name \u{1F600}' }), '/from/signatory'],
    ['no HTML, in a body or a title', withField({ title: 'Letter <b>dated</b> today' }), '/title'],
    ['unknown fields are named', withField({ agendaItem: '51' }), '/agendaItem'],
    ['unknown nested fields are named', from({ country: 'Germany' }), '/from/country'],
  ];

  it.each(cases)('%s', (_rule, input, field) => {
    expect(fieldsOf(input)).toEqual([field]);
  });

  it('says why, in words', () => {
    expect(problemsOf(withField({ kind: 'note-verbale' }))[0]?.message).toMatch(/note verbale is not signed/);
    expect(problemsOf(withField({ date: '2025-06-05' }))[0]?.message).toMatch(/after today/);
    expect(problemsOf(withField({ body: 'word '.repeat(MAX_WORDS) }))[0]?.message).toMatch(/at most 10700/);
    expect(problemsOf(withField({ circulation: [{ organ: 'SC', year: 2025 }] }))[0]?.message).toMatch(
      /year of the issue date/,
    );
    expect(problemsOf(withField({ body: 'A |\n|--|\n| b' }))[0]?.message).toMatch(/table as a PDF annex/);
  });

  it('reports every problem at once', () => {
    expect(fieldsOf(withField({ language: 'de', date: '2025-06-05', addressees: [] })).sort()).toEqual([
      '/addressees',
      '/date',
      '/language',
    ]);
  });

  it('escapes field names as JSON Pointer does', () => {
    expect(fieldsOf(withField({ 'a/b~c': 1 }))).toEqual(['/a~1b~0c']);
  });

  it('rejects what is not an object', () => {
    expect(fieldsOf(null)).toEqual(['']);
    expect(fieldsOf('letter')).toEqual(['']);
  });
});

describe('accepted variants', () => {
  const ok = (input: unknown) => {
    const result = parseSubmission(input, { now });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.value;
  };

  it('a note verbale, unsigned', () => {
    expect(ok(withField({ kind: 'note-verbale', from: { state: 'PSE' } })).from).toEqual({ state: 'PSE' });
  });

  it('addressees come out in the UN order, whatever the order submitted', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          [
            'secretary-general',
            'president-general-assembly',
            'president-security-council',
            'president-economic-and-social-council',
          ],
          { minLength: 1 },
        ),
        (addressees) => {
          const order = [
            'secretary-general',
            'president-general-assembly',
            'president-security-council',
            'president-economic-and-social-council',
          ];
          const out = ok(withField({ addressees })).addressees;
          expect(out).toEqual([...addressees].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('GA circulation comes first; SC and ECOSOC without session', () => {
    const value = ok(
      withField({
        circulation: [{ organ: 'ECOSOC' }, { organ: 'SC' }, { ...ga, agendaItems: ['17 (c)', '51'] }],
      }),
    );
    expect(value.circulation).toEqual([
      { organ: 'GA', session: 79, agendaItems: ['17 (c)', '51'] },
      { organ: 'SC' },
      { organ: 'ECOSOC' },
    ]);
  });

  it('annexes as text, uploaded attachment or small inline PDF', () => {
    const annexes = [
      { ...textAnnex, title: 'Chair’s summary', languageOfSubmissionOnly: true },
      { heading: 'Annex II', attachment: '01JZ3K8W9Q-annex' },
      { heading: 'Annex III', pdfBase64: pdfBase64(MAX_INLINE_PDF_BYTES) },
    ];
    expect(ok(withField({ annexes })).annexes).toHaveLength(3);
    expect(ok(withField({ annexes: undefined })).annexes).toBeUndefined();
  });

  it('an observer State and every language', () => {
    for (const language of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
      const value = ok(withField({ language, from: { ...sample.from, state: 'VAT' } }));
      expect(value.language).toBe(language);
      expect(value.from.state).toBe('VAT');
    }
  });

  it('exactly 10,700 words is within the limit', () => {
    const title = 'Letter';
    const body = 'word '.repeat(MAX_WORDS - 1);
    expect(ok(withField({ title, body, annexes: [] })).body).toBe(body);
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['I have the honour', 4],
    ['  spaced\n\nout\ttext  ', 3],
    ['## 1. Renewed commitment', 3],
    ['Antje **Leendertse**', 2],
    ['133 Member States, 54 of which', 6],
    ['J’ai l’honneur de vous faire tenir', 6],
    ['Имею честь препроводить', 3],
    ['يشرفني أن أحيل', 3],
    ['谨随函转递', 3],
    ['请将本信及其附件作为大会议程项目42项下的文件分发为荷。', 14],
  ])('%j → %i', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('adds up over concatenation of space-separated texts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const sum = countWords(a) + countWords(b);
        // Splitting can at most round two half-words of Chinese up into two words.
        expect(countWords(`${a} ${b}`)).toBeGreaterThanOrEqual(sum - 1);
        expect(countWords(`${a} ${b}`)).toBeLessThanOrEqual(sum);
      }),
    );
  });
});

describe('member-states', () => {
  it('lists the 193 Member States and 2 observer States, once each', () => {
    expect(MEMBER_STATES).toHaveLength(193);
    expect(OBSERVER_STATES.map((s) => s.code)).toEqual(['VAT', 'PSE']);
    expect(new Set(STATE_CODES).size).toBe(195);
    for (const code of STATE_CODES) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('names them in English', () => {
    expect(stateName('DEU')).toBe('Germany');
    expect(stateName('ESP')).toBe('Spain');
    expect(stateName('PSE')).toBe('State of Palestine');
    expect(stateName('GBR')).toBe('United Kingdom of Great Britain and Northern Ireland');
  });
});
