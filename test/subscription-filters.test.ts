import { describe, expect, it } from 'vitest';
import type { DistributedDocument } from '../functions/domain/document-event.ts';
import {
  matchesFilters,
  snsFilterPolicy,
  subscriptionFiltersSchema,
} from '../functions/domain/subscription-filters.ts';
import { sampleFilters } from './support/fixtures.ts';

// A/79/923-S/2025/341: joint GA/SC letter, agenda item 51 and 17 (c), in French and English.
const joint: DistributedDocument = {
  symbols: ['A/79/923', 'S/2025/341'],
  organs: ['GA', 'SC'],
  session: 79,
  year: 2025,
  agendaItems: ['51', '17 (c)'],
  languages: ['en', 'fr'],
  jobNumber: '25-09876',
  issued: '2025-06-19',
  links: { metadata: 'https://distr.example.org/v1/documents/A/79/923', pdf: {} },
};
const scOnly: DistributedDocument = {
  ...joint,
  symbols: ['S/2025/400'],
  organs: ['SC'],
  session: undefined,
  agendaItems: [],
  languages: ['ar', 'zh', 'en', 'fr', 'ru', 'es'],
};

describe('subscription filters', () => {
  it('matches everything when no filter is given', () => {
    expect(matchesFilters({}, joint)).toBe(true);
    expect(matchesFilters({}, scOnly)).toBe(true);
  });

  it('requires every given filter; any value within one filter will do', () => {
    const filters = sampleFilters();
    expect(matchesFilters(filters, joint)).toBe(true);
    expect(matchesFilters({ ...filters, languages: ['ru'] }, joint)).toBe(false);
    expect(matchesFilters({ ...filters, languages: ['ru', 'fr'] }, joint)).toBe(true);
    expect(matchesFilters({ ...filters, sessions: [80] }, joint)).toBe(false);
    expect(matchesFilters({ ...filters, years: [2024] }, joint)).toBe(false);
    expect(matchesFilters({ ...filters, symbolPrefix: 'A/80/' }, joint)).toBe(false);
    expect(matchesFilters({ ...filters, agendaItems: ['52'] }, joint)).toBe(false);
  });

  it('matches organs and symbol prefixes against any symbol of a joint document', () => {
    expect(matchesFilters({ organs: ['SC'] }, joint)).toBe(true);
    expect(matchesFilters({ organs: ['ECOSOC'] }, joint)).toBe(false);
    expect(matchesFilters({ symbolPrefix: 'S/2025/' }, joint)).toBe(true);
  });

  it('never matches a session filter for a document without a session', () => {
    expect(matchesFilters({ sessions: [79] }, scOnly)).toBe(false);
    expect(matchesFilters({ agendaItems: ['51'] }, scOnly)).toBe(false);
  });

  it('widens an agenda item to its sub-items, not the other way round', () => {
    expect(matchesFilters({ agendaItems: ['17'] }, joint)).toBe(true);
    expect(matchesFilters({ agendaItems: ['17 (c)'] }, joint)).toBe(true);
    expect(matchesFilters({ agendaItems: ['17 (d)'] }, joint)).toBe(false);
    expect(matchesFilters({ agendaItems: ['5'] }, joint)).toBe(false);
    expect(matchesFilters({ agendaItems: ['1'] }, { ...joint, agendaItems: ['17'] })).toBe(false);
  });

  it('rejects malformed filters, naming the value', () => {
    const result = subscriptionFiltersSchema.safeParse({
      organs: ['UNGA'],
      sessions: ['79'],
      years: [1900],
      agendaItems: ['item 51'],
      languages: ['de'],
      symbolPrefix: 'A 79',
      extra: true,
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('/')).sort();
    expect(paths).toEqual([
      '',
      'agendaItems/0',
      'languages/0',
      'organs/0',
      'sessions/0',
      'symbolPrefix',
      'years/0',
    ]);
    expect(subscriptionFiltersSchema.safeParse({ organs: [] }).success).toBe(false);
  });

  it('translates to an SNS filter policy on the event attributes', () => {
    expect(
      snsFilterPolicy({ organs: ['GA'], sessions: [79], symbolPrefix: 'A/79/', languages: ['fr'] }),
    ).toEqual({
      organs: ['GA'],
      session: [79],
      symbols: [{ prefix: 'A/79/' }],
      languages: ['fr'],
    });
    expect(() =>
      snsFilterPolicy({
        organs: ['GA'],
        sessions: [79],
        years: [2025],
        agendaItems: ['51'],
        symbolPrefix: 'A/',
        languages: ['fr'],
      }),
    ).toThrow(/five keys/);
  });
});
