import { describe, expect, it } from 'vitest';
import {
  cursorScope,
  decodeCursor,
  encodeCursor,
  facetAnswers,
  matchesQuery,
  normalizeAgendaItem,
  parseSearchQuery,
  queryFacet,
  type SearchQuery,
  searchEntries,
  searchFacets,
  sortKeyRange,
  symbolOrderKey,
} from '../functions/domain/search.ts';
import { MAX_WORDS_PER_TITLE } from '../functions/domain/title-words.ts';
import { documentMetadata, loadFixture } from './support/fixtures.ts';

const query = (params: Record<string, string>): SearchQuery => {
  const parsed = parseSearchQuery(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.query;
};

describe('search facets', () => {
  it('files a joint document under every organ, session, item, year and symbol', () => {
    expect(searchFacets(documentMetadata()).sort()).toEqual(
      [
        'ALL',
        'YEAR#2025',
        'ORGAN#GA',
        'ORGAN#GA#YEAR#2025',
        'ORGAN#GA#SESSION#79',
        'ORGAN#GA#SESSION#79#ITEM#51',
        'ORGAN#GA#SESSION#79#ITEM#17 (c)',
        'ORGAN#GA#SESSION#79#ITEM#17',
        'ORGAN#SC',
        'ORGAN#SC#YEAR#2025',
        'SYMBOL#A/79/923',
        'SYMBOL#S/2025/341',
      ].sort(),
    );
  });
});

describe('parseSearchQuery', () => {
  it('reads the filters, implies GA from a session and defaults the limit', () => {
    expect(query({ session: '79', agendaItem: '17(c)', from: '2025-01-01', to: '2025-12-31' })).toEqual({
      organ: 'GA',
      session: 79,
      agendaItem: '17 (c)',
      from: '2025-01-01',
      to: '2025-12-31',
      limit: 20,
    });
    expect(query({ symbol: 's/2025/341', limit: '100' })).toEqual({ symbol: 'S/2025/341', limit: 100 });
  });

  it('names every bad parameter', () => {
    const parsed = parseSearchQuery({ organ: 'UN', limit: '101', from: '2025-13-01', colour: 'red' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.field).sort()).toEqual(['colour', 'from', 'limit', 'organ']);
  });

  it('bounds the free-text parameters before reading them', () => {
    const parsed = parseSearchQuery({
      session: '79',
      agendaItem: '5'.repeat(3000),
      symbol: 'A/'.repeat(3000),
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      { field: 'agendaItem', message: 'must be an agenda item number like 51 or 17 (c)' },
      { field: 'symbol', message: 'is not a document symbol (too long)' },
    ]);
  });

  it('refuses combinations that cannot match anything a user meant', () => {
    const names = (params: Record<string, string>) => {
      const parsed = parseSearchQuery(params);
      return parsed.ok ? [] : parsed.problems.map((p) => p.field);
    };
    expect(names({ agendaItem: '51' })).toEqual(['agendaItem']);
    expect(names({ organ: 'SC', session: '79' })).toEqual(['session']);
    expect(names({ from: '2025-06-02', to: '2025-06-01' })).toEqual(['to']);
    expect(names({ symbol: 'A/79/923-S/2025/341' })).toEqual(['symbol']);
    expect(names({ symbol: 'not a symbol' })).toEqual(['symbol']);
    expect(names({ agendaItem: 'fifty', session: '79' })).toEqual(['agendaItem']);
  });

  it('normalizes agenda items as printed', () => {
    expect(normalizeAgendaItem('51')).toBe('51');
    expect(normalizeAgendaItem('051')).toBe('51');
    expect(normalizeAgendaItem('17 (C)')).toBe('17 (c)');
    expect(normalizeAgendaItem('17c')).toBe('17 (c)');
    expect(normalizeAgendaItem('17 (cc)')).toBeUndefined();
  });
});

describe('queryFacet and matchesQuery', () => {
  it('reads the most selective facet the filters name', () => {
    expect(queryFacet(query({}))).toBe('ALL');
    expect(queryFacet(query({ year: '2025' }))).toBe('YEAR#2025');
    expect(queryFacet(query({ organ: 'SC' }))).toBe('ORGAN#SC');
    expect(queryFacet(query({ organ: 'SC', year: '2025' }))).toBe('ORGAN#SC#YEAR#2025');
    expect(queryFacet(query({ session: '79', year: '2025' }))).toBe('ORGAN#GA#SESSION#79');
    expect(queryFacet(query({ session: '79', agendaItem: '51' }))).toBe('ORGAN#GA#SESSION#79#ITEM#51');
    expect(queryFacet(query({ symbol: 'A/79/923', organ: 'GA' }))).toBe('SYMBOL#A/79/923');
  });

  it('checks the other filters on each entry', () => {
    const doc = documentMetadata();
    expect(matchesQuery(doc, query({ organ: 'GA', session: '79', agendaItem: '51' }))).toBe(true);
    expect(matchesQuery(doc, query({ session: '79', agendaItem: '17' }))).toBe(true);
    expect(matchesQuery(doc, query({ session: '79', agendaItem: '52' }))).toBe(false);
    expect(matchesQuery(doc, query({ session: '78' }))).toBe(false);
    expect(matchesQuery(doc, query({ organ: 'SC', year: '2025' }))).toBe(true);
    expect(matchesQuery(doc, query({ organ: 'ECOSOC' }))).toBe(false);
    expect(matchesQuery(doc, query({ session: '79', year: '2024' }))).toBe(false);
    expect(matchesQuery(doc, query({ symbol: 'S/2025/341', organ: 'GA' }))).toBe(true);
    expect(matchesQuery(doc, query({ from: '2025-06-04', to: '2025-06-04' }))).toBe(true);
    expect(matchesQuery(doc, query({ from: '2025-06-05' }))).toBe(false);
    expect(matchesQuery(doc, query({ to: '2025-06-03' }))).toBe(false);
  });

  it('bounds the sort key by whole days', () => {
    expect(sortKeyRange(query({ from: '2025-06-04', to: '2025-06-04' }))).toEqual({
      from: '2025-06-04',
      to: '2025-06-04~',
    });
    const key = '2025-06-04T23:59:59.999Z#3f2a';
    expect(key >= '2025-06-04' && key <= '2025-06-04~').toBe(true);
  });
});

describe('cursor', () => {
  it('round-trips, and only for the facet it was made for', () => {
    const text = encodeCursor({ facet: 'ORGAN#GA', after: '2025-06-04T10:00:00.000Z#abc' });
    expect(decodeCursor(text, 'ORGAN#GA')).toEqual({
      facet: 'ORGAN#GA',
      after: '2025-06-04T10:00:00.000Z#abc',
    });
    expect(decodeCursor(text, 'ALL')).toBeUndefined();
    expect(decodeCursor('garbage', 'ALL')).toBeUndefined();
  });
});

describe('search entries', () => {
  it('adds the symbol prefixes and suffixes, the job number and the title words to the facets', () => {
    const doc = documentMetadata({
      symbols: ['A/79/923/Add.1*', 'S/2025/341/Add.1*'],
      jobNumber: '25-08590*',
      title: { en: 'Identical letters to the Secretary-General', zh: '秘书长的信' },
    });
    const entries = new Map(searchEntries(doc).map((e) => [e.facet, e.symbolKey]));
    for (const facet of searchFacets(doc)) expect(entries.has(facet)).toBe(true);
    expect([...entries.keys()].filter((f) => /^(PREFIX|SUFFIX|JOB)#/.test(f)).sort()).toEqual(
      [
        'JOB#25-08590',
        'PREFIX#A',
        'PREFIX#A/79',
        'PREFIX#A/79/923',
        'PREFIX#S',
        'PREFIX#S/2025',
        'PREFIX#S/2025/341',
        'SUFFIX#79/923/Add.1',
        'SUFFIX#923/Add.1',
        'SUFFIX#Add.1',
        'SUFFIX#2025/341/Add.1',
        'SUFFIX#341/Add.1',
      ].sort(),
    );
    expect([...entries.keys()].filter((f) => f.startsWith('WORD#')).sort()).toEqual(
      ['identical', 'letters', 'secretary', 'general', '秘书', '长', '信'].map((w) => `WORD#${w}`).sort(),
    );
    // Symbol order follows the symbol the facet names, else the first one.
    expect(entries.get('PREFIX#S/2025')).toBe(symbolOrderKey('S/2025/341/Add.1*'));
    expect(entries.get('SUFFIX#Add.1')).toBe(symbolOrderKey('A/79/923/Add.1*'));
    expect(entries.get('WORD#letters')).toBe(symbolOrderKey('A/79/923/Add.1*'));
  });

  it('stays within the bound the design states', () => {
    const fixture = loadFixture();
    const title = Object.fromEntries(Object.entries(fixture.versions).map(([l, v]) => [l, v?.title ?? '']));
    const doc = documentMetadata({ title });
    const entries = searchEntries(doc);
    const items = doc.organs.flatMap((o) => o.agendaItems ?? []).length;
    const symbolFacets = doc.symbols.reduce((n, s) => n + 2 * s.split('/').length - 1, 0);
    const bound = 2 + 2 * doc.organs.length + 1 + 2 * items + 1 + symbolFacets + 6 * MAX_WORDS_PER_TITLE;
    expect(entries.length).toBeLessThanOrEqual(bound);
    expect(entries.length).toBe(113);
  });

  it('orders symbols as people read them, a symbol before its follow-ups', () => {
    const symbols = [
      'A/79/923/Add.1',
      'A/79/10',
      'A/79/923*',
      'A/79/9',
      'A/79/923',
      'A/C.1/79/L.5',
      'A/79/923/Corr.1',
    ];
    expect([...symbols].sort((a, b) => (symbolOrderKey(a) < symbolOrderKey(b) ? -1 : 1))).toEqual([
      'A/79/9',
      'A/79/10',
      'A/79/923',
      'A/79/923*',
      'A/79/923/Add.1',
      'A/79/923/Corr.1',
      'A/C.1/79/L.5',
    ]);
  });
});

describe('the new search parameters', () => {
  const problems = (params: Record<string, string>) => {
    const parsed = parseSearchQuery(params);
    return parsed.ok ? [] : parsed.problems;
  };

  it('reads truncated symbols, job numbers, title words, language and order', () => {
    expect(query({ symbol: 'a/79/*' })).toEqual({ symbolPrefix: 'A/79', limit: 20 });
    expect(query({ symbol: 'A/79/923/*' })).toEqual({ symbolPrefix: 'A/79/923', limit: 20 });
    expect(query({ symbol: '*/add.1' })).toEqual({ symbolSuffix: 'Add.1', limit: 20 });
    expect(query({ symbol: '*/Add.1/Corr.1' })).toEqual({ symbolSuffix: 'Add.1/Corr.1', limit: 20 });
    expect(query({ symbol: 'A/79/923*' })).toEqual({ symbol: 'A/79/923*', limit: 20 });
    expect(query({ job: '2508590' })).toEqual({ job: '25-08590', limit: 20 });
    expect(query({ job: '25-08590**' })).toEqual({ job: '25-08590', limit: 20 });
    expect(query({ q: 'Secrétaire général', lang: 'fr', sort: 'symbol' })).toEqual({
      words: ['secretaire', 'general'],
      lang: 'fr',
      sort: 'symbol',
      limit: 20,
    });
    expect(query({ sort: 'date' })).toEqual({ limit: 20 });
  });

  it('refuses what cannot be read, naming the parameter', () => {
    const names = (params: Record<string, string>) => problems(params).map((p) => p.field);
    for (const symbol of ['A/*/923', '*/Add.1/*', '*', '*/Add.1*', 'X/1/*', '*/nothing', 'A/79/*-S/2025/*']) {
      expect(names({ symbol }), symbol).toEqual(['symbol']);
    }
    expect(names({ job: '25-8590' })).toEqual(['job']);
    expect(names({ job: '25-00000' })).toEqual(['job']);
    expect(names({ q: 'the of' })).toEqual(['q']);
    expect(names({ lang: 'fr' })).toEqual(['lang']);
    expect(names({ q: 'mali', lang: 'de' })).toEqual(['lang']);
    expect(names({ sort: 'relevance' })).toEqual(['sort']);
    expect(names({ q: 'x'.repeat(201), job: '1'.repeat(21), symbol: 'A/'.repeat(101) }).sort()).toEqual([
      'job',
      'q',
      'symbol',
    ]);
  });

  it('reads the most selective facet, and knows when it answers the query alone', () => {
    expect(queryFacet(query({ job: '25-08590', q: 'letter' }))).toBe('JOB#25-08590');
    expect(queryFacet(query({ q: 'letter peacekeeping', symbol: 'A/79/*' }))).toBe('WORD#peacekeeping');
    expect(queryFacet(query({ symbol: 'A/79/*', session: '79' }))).toBe('PREFIX#A/79');
    expect(queryFacet(query({ symbol: '*/Add.1', organ: 'GA' }))).toBe('SUFFIX#Add.1');
    expect(queryFacet(query({ q: 'letter', session: '79', agendaItem: '51' }))).toBe(
      'ORGAN#GA#SESSION#79#ITEM#51',
    );
    const answers = (params: Record<string, string>) => {
      const q = query(params);
      return facetAnswers(q, queryFacet(q));
    };
    expect(answers({ session: '79', agendaItem: '51' })).toBe(true);
    expect(answers({ organ: 'SC', year: '2025' })).toBe(true);
    expect(answers({ q: 'letter' })).toBe(true);
    expect(answers({ q: 'letter', lang: 'en' })).toBe(false);
    expect(answers({ q: 'identical letter' })).toBe(false);
    expect(answers({ symbol: 'A/79/*', from: '2025-01-01' })).toBe(true);
    expect(answers({ symbol: 'A/79/*', from: '2025-01-01', sort: 'symbol' })).toBe(false);
    expect(answers({ symbol: 'A/79/*', organ: 'GA' })).toBe(false);
  });

  it('checks job, prefix, suffix and words on each entry', () => {
    const doc = documentMetadata({
      symbols: ['A/79/923/Add.1', 'S/2025/341/Add.1'],
      jobNumber: '25-08590*',
      title: { en: 'Identical letters', fr: 'Lettres identiques' },
    });
    expect(matchesQuery(doc, query({ job: '25-08590' }))).toBe(true);
    expect(matchesQuery(doc, query({ job: '25-08591' }))).toBe(false);
    expect(matchesQuery(doc, query({ symbol: 'S/2025/*' }))).toBe(true);
    expect(matchesQuery(doc, query({ symbol: 'A/78/*' }))).toBe(false);
    expect(matchesQuery(doc, query({ symbol: '*/Add.1' }))).toBe(true);
    expect(matchesQuery(doc, query({ symbol: '*/Corr.1' }))).toBe(false);
    expect(matchesQuery(doc, query({ q: 'identical letters' }))).toBe(true);
    expect(matchesQuery(doc, query({ q: 'lettres identiques', lang: 'en' }))).toBe(false);
    expect(matchesQuery(doc, query({ q: 'identical lettres' }))).toBe(false);
    // stored words are what is checked, when the entry has them
    expect(matchesQuery(doc, query({ q: 'stored' }), { en: ['stored'] })).toBe(true);
  });

  it('keeps cursors of the two orders apart', () => {
    const byDate = query({ organ: 'GA' });
    const bySymbol = query({ organ: 'GA', sort: 'symbol' });
    const text = encodeCursor({ facet: cursorScope(bySymbol), after: 'A/000079#id' });
    expect(decodeCursor(text, cursorScope(bySymbol))).toBeDefined();
    expect(decodeCursor(text, cursorScope(byDate))).toBeUndefined();
  });
});
