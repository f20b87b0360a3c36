/**
 * Search and feed over real HTTP, on index entries written by the search index adapter (as a
 * distribution writes them) for thirty documents: filters alone and combined, newest first, paging
 * with the opaque cursor without gaps or repeats, and the parameter errors.
 */
import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../functions/adapters/search-index.ts';
import type { DocumentMetadata } from '../../functions/domain/public-document.ts';
import { client } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { clients } from '../support/seed.ts';

const distr = useTestDistr();
let api: ReturnType<typeof client>;
const docs: DocumentMetadata[] = [];

/** Document n: GA 78/79 with items 51 or 17 (c), or SC, or both; one a day from 2024-12-20. */
function metadata(n: number): DocumentMetadata {
  const day = new Date(Date.UTC(2024, 11, 20 + n, 9, n));
  const distributedAt = day.toISOString();
  const year = day.getUTCFullYear();
  const ga = n % 3 !== 2;
  const sc = n % 3 !== 0;
  const session = n % 2 ? 79 : 78;
  const item = n % 4 === 1 ? '17 (c)' : '51';
  const symbols = [...(ga ? [`A/${session}/${900 + n}`] : []), ...(sc ? [`S/${year}/${300 + n}`] : [])];
  return {
    symbol: symbols.join('-'),
    symbols,
    kind: 'letter',
    jobNumber: `25-${String(10000 + n).padStart(5, '0')}`,
    distribution: 'general',
    originalLanguage: 'en',
    organs: [
      ...(ga
        ? [{ organ: 'GA' as const, session, agendaItems: [{ item, title: { en: `Item ${item}` } }] }]
        : []),
      ...(sc ? [{ organ: 'SC' as const, year }] : []),
    ],
    dates: { issued: distributedAt.slice(0, 10), distributed: distributedAt.slice(0, 10) },
    distributedAt,
    title: { en: `Letter ${n}` },
    languages: [{ lang: 'en', bytes: 1000, pages: 1, sha256: 'f'.repeat(64) }],
    partial: true,
  };
}

beforeAll(async () => {
  api = client(distr);
  const index = createSearchIndex(clients(distr).db, distr.env.TABLE_NAME ?? '');
  for (let n = 0; n < 30; n++) {
    const doc = metadata(n);
    docs.push(doc);
    await index.index(doc, randomUUID());
  }
});

type Page = { items: DocumentMetadata[]; cursor?: string; next?: string };

async function all(query: string, limit: number): Promise<string[]> {
  const symbols: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const { status, body } = await api<Page>(
      'GET',
      `/v1/documents?${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(status).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    symbols.push(...body.items.map((i) => i.symbol));
    if (!body.cursor) return symbols;
    expect(body.items).toHaveLength(limit);
    cursor = body.cursor;
  }
  throw new Error('too many pages');
}

const expected = (keep: (d: DocumentMetadata) => boolean) =>
  docs
    .filter(keep)
    .sort((a, b) => b.distributedAt.localeCompare(a.distributedAt))
    .map((d) => d.symbol);

const hasGa = (d: DocumentMetadata, session?: number, item?: string) =>
  d.organs.some(
    (o) =>
      o.organ === 'GA' &&
      (session === undefined || o.session === session) &&
      (item === undefined ||
        (o.agendaItems ?? []).some((i) => i.item === item || i.item.startsWith(`${item} (`))),
  );

describe('GET /v1/documents', () => {
  it('lists everything newest first, page by page, without gaps or repeats', async () => {
    const first = await api<Page>('GET', '/v1/documents');
    expect(first.body.items).toHaveLength(20);
    expect(first.body.next).toContain('cursor=');
    expect(first.body.items[0]).toMatchObject({ links: { self: expect.stringContaining('/v1/documents/') } });
    for (const limit of [7, 30, 100]) expect(await all('', limit)).toEqual(expected(() => true));
  });

  it('filters by organ, session, agenda item, year, symbol and dates, alone and combined', async () => {
    const cases: [string, (d: DocumentMetadata) => boolean][] = [
      ['organ=GA', (d) => hasGa(d)],
      ['organ=SC&year=2025', (d) => d.organs.some((o) => o.organ === 'SC' && o.year === 2025)],
      ['session=79', (d) => hasGa(d, 79)],
      ['organ=GA&session=79&agendaItem=51', (d) => hasGa(d, 79, '51')],
      ['session=79&agendaItem=17', (d) => hasGa(d, 79, '17')],
      ['session=79&agendaItem=17%20(c)', (d) => hasGa(d, 79, '17 (c)')],
      ['year=2024', (d) => d.dates.issued.startsWith('2024')],
      ['session=78&year=2025', (d) => hasGa(d, 78) && d.dates.issued.startsWith('2025')],
      [
        'from=2025-01-05&to=2025-01-10',
        (d) => d.distributedAt >= '2025-01-05' && d.distributedAt < '2025-01-11',
      ],
      [
        'organ=SC&from=2025-01-01&to=2025-01-15',
        (d) =>
          d.symbols.some((s) => s.startsWith('S/')) &&
          d.distributedAt >= '2025-01-01' &&
          d.distributedAt < '2025-01-16',
      ],
      ['symbol=S/2025/313', (d) => d.symbols.includes('S/2025/313')],
      ['symbol=S/2025/313&organ=GA', (d) => d.symbols.includes('S/2025/313') && hasGa(d)],
      ['organ=ECOSOC', () => false],
    ];
    for (const [query, keep] of cases) {
      const want = expected(keep);
      expect(await all(query, 4), query).toEqual(want);
    }
  });

  it('answers 400 naming each bad parameter, and refuses a cursor made for other filters', async () => {
    const bad = await api<{ 'invalid-params': { name: string }[] }>(
      'GET',
      '/v1/documents?organ=XX&limit=0&from=yesterday&sort=asc',
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body['invalid-params'].map((p) => p.name).sort()).toEqual(['from', 'limit', 'organ', 'sort']);
    const page = await api<Page>('GET', '/v1/documents?organ=GA&limit=2');
    const foreign = await api<{ 'invalid-params': { name: string }[] }>(
      'GET',
      `/v1/documents?organ=SC&cursor=${page.body.cursor}`,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body['invalid-params']).toEqual([expect.objectContaining({ name: 'cursor' })]);
    expect((await api('GET', '/v1/documents?cursor=%%%')).status).toBe(400);
  });
});

describe('GET /v1/feeds/documents.atom', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => name === 'entry' || name === 'link',
  });

  it('takes the same filters and pages with rel="next"', async () => {
    const res = await fetch(`${distr.url}/v1/feeds/documents.atom?session=79&limit=3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const { feed } = parser.parse(await res.text());
    const want = expected((d) => hasGa(d, 79));
    expect(feed.entry.map((e: { title: { '#text': string } }) => e.title['#text'].split(':')[0])).toEqual(
      want.slice(0, 3),
    );
    expect(feed.id).toBe(`${distr.url}/v1/feeds/documents.atom?limit=3&session=79`);
    const next = feed.link.find((l: Record<string, string>) => l['@rel'] === 'next')['@href'];
    const second = parser.parse(await (await fetch(next)).text()).feed;
    expect(second.entry.map((e: { title: { '#text': string } }) => e.title['#text'].split(':')[0])).toEqual(
      want.slice(3, 6),
    );
    const bad = await fetch(`${distr.url}/v1/feeds/documents.atom?organ=UN`);
    expect(bad.status).toBe(400);
  });
});
