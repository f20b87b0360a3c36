import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  matchesQuery,
  normalizeAgendaItem,
  parseSearchQuery,
  queryFacet,
  type SearchQuery,
  searchFacets,
  sortKeyRange,
} from '../functions/domain/search.ts';
import { documentMetadata } from './support/fixtures.ts';

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
