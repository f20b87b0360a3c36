/**
 * Search and feed over real HTTP, on index entries written by the search index adapter (as a
 * distribution writes them) for thirty documents: filters alone and combined, newest first, paging
 * with the opaque cursor without gaps or repeats, and the parameter errors. Six more documents of
 * GA session 80, with titles in English, French, Arabic and Chinese and follow-ups, are found by job
 * number, truncated symbol and title words, and listed in symbol order.
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

const REPORT = {
  en: 'Report of the Secretary-General on peacekeeping operations',
  fr: 'Rapport du Secrétaire général sur les opérations de maintien de la paix',
  ar: 'تقرير الأمين العام عن عمليات حفظ السلام',
  zh: '秘书长关于维持和平行动的报告',
};

/** Session 80: a report, its addendum and corrigendum, and three letters; one a day from 2025-03-01. */
function session80(n: number): DocumentMetadata {
  const [symbol, title] = (
    [
      ['A/80/100', REPORT],
      ['A/80/100/Add.1', { en: `${REPORT.en}: addendum`, ar: REPORT.ar }],
      ['A/80/100/Corr.1', { en: `${REPORT.en}: corrigendum`, zh: REPORT.zh }],
      ['A/80/99/Add.1', { en: 'Letter dated 2 March 2025 from the Permanent Representative of Mali' }],
      ['A/80/1000', { fr: 'Lettre datée du 3 mars 2025 adressée au Secrétaire général' }],
      ['A/80/20', { ar: 'رسالة مؤرخة ٣ آذار/مارس ٢٠٢٥ موجهة إلى الأمين العام' }],
    ] as const
  )[n] ?? ['', {}];
  const distributedAt = new Date(Date.UTC(2025, 2, 1 + n, 9)).toISOString();
  return {
    ...metadata(0),
    symbol,
    symbols: [symbol],
    jobNumber: `25-${30001 + n}`,
    organs: [{ organ: 'GA', session: 80, agendaItems: [{ item: '140', title: { en: 'Peacekeeping' } }] }],
    dates: { issued: distributedAt.slice(0, 10), distributed: distributedAt.slice(0, 10) },
    distributedAt,
    title,
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
  for (let n = 0; n < 6; n++) {
    const doc = session80(n);
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

/** Symbols as people read them: component by component, numbers as numbers, a symbol before its follow-ups. */
function bySymbol(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i] ?? '', y[i] ?? ''];
    if (p === q) continue;
    const numeric = /^\d+$/.test(p) && /^\d+$/.test(q);
    return numeric ? Number(p) - Number(q) : p < q ? -1 : 1;
  }
  return x.length - y.length;
}

describe('GET /v1/documents: job number, truncated symbols, title words, symbol order', () => {
  const newest = (symbols: string[]) =>
    docs
      .filter((d) => symbols.includes(d.symbol))
      .sort((a, b) => b.distributedAt.localeCompare(a.distributedAt))
      .map((d) => d.symbol);

  it('finds by job number, with or without the hyphen', async () => {
    expect(await all('job=25-30002', 4)).toEqual(['A/80/100/Add.1']);
    expect(await all('job=2530002', 4)).toEqual(['A/80/100/Add.1']);
    expect(await all('job=25-10007', 4)).toEqual([docs[7]?.symbol]);
    expect(await all('job=25-39999', 4)).toEqual([]);
  });

  it('finds by symbol prefix and suffix, newest first', async () => {
    const session80All = [
      'A/80/100',
      'A/80/100/Add.1',
      'A/80/100/Corr.1',
      'A/80/99/Add.1',
      'A/80/1000',
      'A/80/20',
    ];
    expect(await all(`symbol=${encodeURIComponent('A/80/*')}`, 4)).toEqual(newest(session80All));
    expect(await all(`symbol=${encodeURIComponent('a/80/100/*')}`, 4)).toEqual(
      newest(['A/80/100/Add.1', 'A/80/100/Corr.1']),
    );
    expect(await all(`symbol=${encodeURIComponent('*/Add.1')}`, 1)).toEqual(
      newest(['A/80/100/Add.1', 'A/80/99/Add.1']),
    );
    expect(await all(`symbol=${encodeURIComponent('*/Corr.1')}&session=80`, 4)).toEqual(['A/80/100/Corr.1']);
    expect(await all(`symbol=${encodeURIComponent('S/2025/*')}`, 4)).toEqual(
      expected((d) => d.symbols.some((s) => s.startsWith('S/2025/'))),
    );
  });

  it('finds by title words in English, French, Arabic and Chinese, in any or one language', async () => {
    const report = ['A/80/100', 'A/80/100/Add.1', 'A/80/100/Corr.1'];
    const cases: [string, string[]][] = [
      ['q=peacekeeping', newest(report)],
      ['q=PEACEKEEPING%20operations&lang=en', newest(report)],
      ['q=secr%C3%A9taire%20g%C3%A9n%C3%A9ral', newest(['A/80/100', 'A/80/1000'])],
      ['q=secretaire%20general&lang=fr', newest(['A/80/100', 'A/80/1000'])],
      ['q=secretaire&lang=en', []],
      [`q=${encodeURIComponent('الأمين العام')}`, newest(['A/80/100', 'A/80/100/Add.1', 'A/80/20'])],
      [`q=${encodeURIComponent('الامين')}&lang=ar`, newest(['A/80/100', 'A/80/100/Add.1', 'A/80/20'])],
      [`q=${encodeURIComponent('حفظ السلام')}`, newest(['A/80/100', 'A/80/100/Add.1'])],
      [`q=${encodeURIComponent('秘书长')}`, newest(['A/80/100', 'A/80/100/Corr.1'])],
      [`q=${encodeURIComponent('维持和平的报告')}&lang=zh`, newest(['A/80/100', 'A/80/100/Corr.1'])],
      ['q=letter', expected((d) => /\bLetter\b/.test(d.title.en ?? ''))],
      ['q=letter&session=79', expected((d) => /\bLetter\b/.test(d.title.en ?? '') && hasGa(d, 79))],
      ['q=mali%202025', ['A/80/99/Add.1']],
      ['q=report&symbol=*/Add.1', ['A/80/100/Add.1']],
    ];
    for (const [query, want] of cases) expect(await all(query, 3), query).toEqual(want);
  });

  it('lists in symbol order, numbers as numbers, across pages', async () => {
    expect(await all(`symbol=${encodeURIComponent('A/80/*')}&sort=symbol`, 4)).toEqual([
      'A/80/20',
      'A/80/99/Add.1',
      'A/80/100',
      'A/80/100/Add.1',
      'A/80/100/Corr.1',
      'A/80/1000',
    ]);
    const everything = docs.map((d) => d.symbols[0] ?? '').sort(bySymbol);
    for (const limit of [7, 100]) {
      expect((await all('sort=symbol', limit)).map((s) => s.split('-')[0])).toEqual(everything);
    }
    expect(await all('sort=symbol&q=report&from=2025-03-02', 2)).toEqual([
      'A/80/100/Add.1',
      'A/80/100/Corr.1',
    ]);
  });

  it('offers the same search as a feed, and names a bad parameter', async () => {
    const feed = await (await fetch(`${distr.url}/v1/feeds/documents.atom?q=peacekeeping`)).text();
    expect(feed.match(/<entry>/g)).toHaveLength(3);
    const bad = await api<{ 'invalid-params': { name: string }[] }>(
      'GET',
      `/v1/documents?symbol=${encodeURIComponent('A/*/100')}&q=mali&lang=xx&job=1&sort=relevance`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body['invalid-params'].map((p) => p.name).sort()).toEqual(['job', 'lang', 'sort', 'symbol']);
    // The words of q are read in the language given, so q is checked once lang is valid.
    for (const query of ['q=the%20of', 'q=the&lang=en', 'lang=en']) {
      const problem = await api<{ 'invalid-params': { name: string }[] }>('GET', `/v1/documents?${query}`);
      expect(problem.status, query).toBe(400);
      expect(problem.body['invalid-params'].map((p) => p.name)).toEqual([
        query.startsWith('q') ? 'q' : 'lang',
      ]);
    }
    const byDate = await api<Page>('GET', '/v1/documents?session=80&limit=2');
    const foreign = await api('GET', `/v1/documents?session=80&sort=symbol&cursor=${byDate.body.cursor}`);
    expect(foreign.status).toBe(400);
  });
});
