import { describe, expect, it } from 'vitest';
import type { Agenda } from '../functions/domain/agenda.ts';
import { documentSchema } from '../functions/domain/document.ts';
import {
  buildDocument,
  buildFollowup,
  followupCounterKey,
  followupSymbols,
  planRegistration,
  type RegisteredDocument,
  resolveAgendaItems,
} from '../functions/domain/registration.ts';
import { parseSubmission, type Submission } from '../functions/domain/submission.ts';
import { fixture, SAMPLE_IDENTITY, sampleSubmission } from './support/fixtures.ts';

const sample = (): Submission => {
  const parsed = parseSubmission(sampleSubmission(), { now: new Date('2025-06-01') });
  if (!parsed.ok) throw new Error('sample does not parse');
  return parsed.value;
};
const agenda79 = fixture<Agenda>('agenda-GA-79.json');

describe('planRegistration', () => {
  it('draws GA by session, SC by the year of issue, jobs by that year', () => {
    expect(planRegistration(sample(), '2025-06-03')).toEqual({
      symbolSeries: ['A/79', 'S/2025'],
      jobSeries: 'job/25',
    });
    expect(planRegistration(sample(), '2026-01-02')).toEqual({
      symbolSeries: ['A/79', 'S/2026'],
      jobSeries: 'job/26',
    });
  });
});

describe('resolveAgendaItems', () => {
  it('takes the six titles from the loaded agenda', () => {
    const result = resolveAgendaItems(sample().circulation, new Map([[79, agenda79]]));
    expect(result.ok && result.value.get(79)?.[0]?.item).toBe('51');
    expect(result.ok && Object.keys(result.value.get(79)?.[0]?.title ?? {}).sort()).toEqual([
      'ar',
      'en',
      'es',
      'fr',
      'ru',
      'zh',
    ]);
  });

  it('names each item missing from the agenda, or every item when none is loaded', () => {
    const circulation: Submission['circulation'] = [
      { organ: 'GA', session: 79, agendaItems: ['51', '998', '999'] },
      { organ: 'SC' },
    ];
    const missing = resolveAgendaItems(circulation, new Map([[79, agenda79]]));
    expect(!missing.ok && missing.problems.map((p) => p.field)).toEqual([
      '/circulation/0/agendaItems/1',
      '/circulation/0/agendaItems/2',
    ]);
    const none = resolveAgendaItems(circulation, new Map());
    expect(!none.ok && none.problems.map((p) => p.field)).toHaveLength(3);
    expect(!none.ok && none.problems[0]?.message).toMatch(/no agenda is loaded for GA session 79/);
  });
});

const registerSample = (): RegisteredDocument => {
  const submission = sample();
  const items = resolveAgendaItems(submission.circulation, new Map([[79, agenda79]]));
  if (!items.ok) throw new Error('agenda');
  return buildDocument({
    id: 'doc-1',
    submissionId: 'sub-1',
    submission,
    issued: '2025-06-03',
    numbers: { 'A/79': 923, 'S/2025': 341, 'job/25': 8590 },
    agendaItems: items.value,
    annexPdf: () => undefined,
    registeredAt: '2025-06-03T10:00:00.000Z',
  });
};

describe('buildDocument', () => {
  it('makes the sample the document file of A/79/923-S/2025/341 that the renderer takes', () => {
    const document = registerSample();
    expect(document).toMatchObject({
      ...SAMPLE_IDENTITY,
      symbol: 'A/79/923-S/2025/341',
      status: 'registered',
      submissionId: 'sub-1',
    });
    expect(document.circulation[1]).toEqual({ organ: 'SC', year: 2025 });
    expect(document.versions.en?.signature).toEqual({
      name: 'Antje **Leendertse**',
      title: ['Permanent Representative of Germany to the United Nations'],
    });
    expect(documentSchema.safeParse(document).success).toBe(true);
    // The fixture made by hand for the renderer agrees on everything registration decides.
    const reference = fixture<Record<string, unknown>>('A-79-923-S-2025-341.json');
    for (const field of ['kind', 'symbols', 'jobNumber', 'issued', 'originalLanguage', 'circulation']) {
      expect(document[field as keyof RegisteredDocument], field).toEqual(reference[field]);
    }
  });

  it('refers to a PDF annex by its stored key, and refuses one that was not stored', () => {
    const submission = sample();
    submission.annexes = [{ heading: 'Annex', attachment: 'map' }];
    const input = {
      id: 'doc-2',
      submissionId: 'sub-2',
      submission,
      issued: '2025-06-03',
      numbers: { 'A/79': 1, 'S/2025': 1, 'job/25': 1 },
      agendaItems: new Map([[79, [{ item: '51', title: { en: 'x' } }]]]),
      registeredAt: '2025-06-03T10:00:00.000Z',
    };
    const document = buildDocument({ ...input, annexPdf: () => 'submissions/sub-2/attachments/map.pdf' });
    expect(document.versions.en?.annexes).toEqual([
      { heading: 'Annex', pdf: 'submissions/sub-2/attachments/map.pdf' },
    ]);
    expect(() => buildDocument({ ...input, annexPdf: () => undefined })).toThrow(/not been stored/);
  });

  it('leaves the signature off a note verbale', () => {
    const input = fixture<Record<string, unknown>>('sample-submission.json');
    const parsed = parseSubmission(
      { ...input, kind: 'note-verbale', from: { state: 'DEU' } },
      { now: new Date('2025-06-01') },
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const document = buildDocument({
      id: 'nv',
      submissionId: 'nv',
      submission: parsed.value,
      issued: '2025-06-03',
      numbers: { 'A/79': 1, 'S/2025': 1, 'job/25': 1 },
      agendaItems: new Map([[79, [{ item: '51', title: { en: 'x' } }]]]),
      annexPdf: () => undefined,
      registeredAt: '2025-06-03T10:00:00.000Z',
    });
    expect(document.versions.en?.signature).toBeUndefined();
  });
});

describe('follow-ups', () => {
  const base = registerSample();

  it('counts per base and type, siblings with their base, reissues apart', () => {
    expect(followupCounterKey(base.symbols, 'addendum')).toBe('followup:A/79/923-S/2025/341#Add');
    expect(followupCounterKey(['A/79/923/Add.1', 'S/2025/341/Add.1'], 'addendum')).toBe(
      'followup:A/79/923-S/2025/341#Add',
    );
    expect(followupCounterKey(['A/79/923/Add.1', 'S/2025/341/Add.1'], 'corrigendum')).toBe(
      'followup:A/79/923/Add.1-S/2025/341/Add.1#Corr',
    );
    expect(followupCounterKey(['A/79/923*'], 'revision')).toBe('followup:A/79/923#Rev');
    expect(followupCounterKey(['A/79/923**'], 'reissue')).toBe('followup:A/79/923#*');
  });

  it('applies to every symbol of a joint document and stacks modifiers', () => {
    expect(followupSymbols(base.symbols, 'addendum', 1)).toEqual(['A/79/923/Add.1', 'S/2025/341/Add.1']);
    expect(followupSymbols(['A/43/26/Add.1'], 'corrigendum', 1)).toEqual(['A/43/26/Add.1/Corr.1']);
    expect(followupSymbols(['A/79/923/Add.1'], 'addendum', 2)).toEqual(['A/79/923/Add.2']);
    expect(followupSymbols(['A/72/510'], 'revision', 1)).toEqual(['A/72/510/Rev.1']);
    expect(followupSymbols(['S/2012/197*'], 'reissue', 3)).toEqual(['S/2012/197***']);
  });

  it('is a new document linked to its base: own job number, or the base job with asterisks', () => {
    const addendum = buildFollowup({
      id: 'add',
      base,
      type: 'addendum',
      n: 1,
      issued: '2026-01-05',
      numbers: { 'job/26': 12 },
      registeredAt: 'x',
    });
    expect(addendum).toMatchObject({
      symbols: ['A/79/923/Add.1', 'S/2025/341/Add.1'],
      jobNumber: '26-00012',
      base: { id: 'doc-1', symbol: 'A/79/923-S/2025/341' },
      followup: { type: 'addendum', n: 1 },
      versions: {},
      circulation: base.circulation,
    });
    const reissue = buildFollowup({
      id: 'r',
      base,
      type: 'reissue',
      n: 2,
      issued: '2025-07-01',
      numbers: {},
      registeredAt: 'x',
    });
    expect(reissue).toMatchObject({ symbols: ['A/79/923**', 'S/2025/341**'], jobNumber: '25-08590**' });
    expect(reissue.versions).toEqual(base.versions);
    expect(documentSchema.safeParse(reissue).success).toBe(true);
  });
});
