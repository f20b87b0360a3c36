import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { atomFeed, entrySummary } from '../functions/domain/atom-feed.ts';
import type { DocumentMetadata } from '../functions/domain/public-document.ts';
import { documentMetadata } from './support/fixtures.ts';

const doc = (over: Partial<DocumentMetadata> = {}): DocumentMetadata =>
  documentMetadata({
    organs: [
      {
        organ: 'GA',
        session: 79,
        agendaItems: [{ item: '51', title: { en: 'Peacekeeping <operations> & more' } }],
      },
      { organ: 'SC', year: 2025 },
    ],
    title: { en: 'Identical letters "dated" 30 May 2025', fr: 'Lettres identiques' },
    languages: [
      { lang: 'en', bytes: 30000, pages: 4, sha256: 'a'.repeat(64) },
      { lang: 'fr', bytes: 31000, pages: 4, sha256: 'b'.repeat(64) },
    ],
    partial: true,
    ...over,
  });

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

const PUBLIC = 'https://distr.example';
const feedOf = (entries: DocumentMetadata[], nextUrl?: string) =>
  atomFeed(entries, {
    publicUrl: PUBLIC,
    selfUrl: `${PUBLIC}/v1/feeds/documents.atom?organ=GA`,
    now: new Date('2026-01-01T00:00:00Z'),
    ...(nextUrl ? { nextUrl } : {}),
  });

describe('atomFeed', () => {
  it('is well-formed Atom 1.0 with the required feed elements', () => {
    const xml = feedOf([
      doc(),
      doc({ symbol: 'S/2025/400', symbols: ['S/2025/400'], distributedAt: '2025-06-01T09:00:00.000Z' }),
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = parser.parse(xml);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${PUBLIC}/v1/feeds/documents.atom?organ=GA`);
    expect(feed.title).toBe('Distr: distributed documents');
    expect(feed.updated).toBe('2025-06-04T10:00:00.000Z');
    expect(feed.author.name).toBe('Distr');
    expect(feed.link).toContainEqual(expect.objectContaining({ '@rel': 'self', '@href': feed.id }));
    expect(feed.entry).toHaveLength(2);
  });

  it('gives each entry an id, title, updated, summary and one PDF link per language', () => {
    const { feed } = parser.parse(feedOf([doc()]));
    const [entry] = feed.entry;
    expect(entry.id).toBe(`${PUBLIC}/v1/documents/A/79/923-S/2025/341`);
    expect(entry.title['#text']).toBe('A/79/923-S/2025/341: Identical letters "dated" 30 May 2025');
    expect(entry.title['@xml:lang']).toBe('en');
    expect(entry.updated).toBe('2025-06-04T10:00:00.000Z');
    expect(entry.summary['#text']).toContain('agenda item 51 (Peacekeeping <operations> & more)');
    expect(entry.summary['#text']).toContain('partial issuance');
    const pdfs = entry.link.filter((l: Record<string, string>) => l['@type'] === 'application/pdf');
    expect(pdfs).toEqual([
      expect.objectContaining({
        '@rel': 'alternate',
        '@hreflang': 'en',
        '@href': `${PUBLIC}/en/A/79/923`,
        '@length': '30000',
      }),
      expect.objectContaining({ '@rel': 'alternate', '@hreflang': 'fr', '@href': `${PUBLIC}/fr/A/79/923` }),
    ]);
    // RFC 4287 §4.1.1: no two alternate links with the same type and hreflang.
    const alternates = entry.link
      .filter((l: Record<string, string>) => l['@rel'] === 'alternate')
      .map((l: Record<string, string>) => `${l['@type']}|${l['@hreflang']}`);
    expect(new Set(alternates).size).toBe(alternates.length);
    expect(entry.category.map((c: Record<string, string>) => c['@term'])).toEqual(['GA', 'SC']);
  });

  it('is valid when empty, and links the next page when there is one', () => {
    const empty = parser.parse(feedOf([]));
    expect(empty.feed.updated).toBe('2026-01-01T00:00:00.000Z');
    expect(empty.feed.entry).toBeUndefined();
    const paged = parser.parse(feedOf([doc()], `${PUBLIC}/v1/feeds/documents.atom?cursor=abc&x=1`));
    expect(paged.feed.link).toContainEqual(
      expect.objectContaining({
        '@rel': 'next',
        '@href': `${PUBLIC}/v1/feeds/documents.atom?cursor=abc&x=1`,
      }),
    );
  });

  it('falls back to the original language for the title, and strips emphasis', () => {
    const { feed } = parser.parse(
      feedOf([doc({ originalLanguage: 'fr', title: { fr: 'Lettre *urgente*' } })]),
    );
    expect(feed.entry[0].title['#text']).toBe('A/79/923-S/2025/341: Lettre urgente');
    expect(entrySummary(doc({ partial: false }))).toBe(
      'A/79/923-S/2025/341. General Assembly, session 79, agenda item 51 (Peacekeeping <operations> & more). Security Council, 2025. Languages: en, fr.',
    );
  });

  describe('with hostile characters in every text field', () => {
    // Every class of character XML 1.0 forbids, and neighbours it allows that must pass unchanged.
    const forbidden = [
      ...Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)).filter((c) => !'\t\n\r'.includes(c)),
      '\uFFFE',
      '\uFFFF',
      '\uD800',
      '\uDFFF',
      'x\uDC00',
      '\uDBFF!',
    ];
    const allowed = [
      '\t',
      '\u007F',
      '\u0085',
      '\u009F',
      '\u202E',
      '\u2066',
      '\uFEFF',
      '\u200D',
      '\uD83D\uDE00',
      '\uFFFD',
      ']]>',
      '<&>"\'',
    ];
    const hostile = [...forbidden, ...allowed].join('|');
    const feed = () =>
      feedOf([
        doc({
          title: { en: `Letter ${hostile}`, fr: `Lettre ${hostile}` },
          organs: [
            { organ: 'GA', session: 79, agendaItems: [{ item: '51', title: { en: `Item ${hostile}` } }] },
          ],
        }),
        doc({ originalLanguage: 'ar', title: { ar: `رسالة ${hostile}` } }),
      ]);

    it('is well-formed XML 1.0 to a strict parser', () => {
      const errors: string[] = [];
      const strict = new SaxesParser({ xmlns: true });
      strict.on('error', (error) => errors.push(error.message));
      strict.write(feed()).close();
      expect(errors).toEqual([]);
    });

    it('replaces each forbidden character with U+FFFD and keeps the allowed ones', () => {
      const replaced = [...forbidden.slice(0, -2).map(() => '\uFFFD'), 'x\uFFFD', '\uFFFD!'];
      const { feed: parsed } = parser.parse(feed());
      expect(parsed.entry[0].title['#text']).toBe(
        `A/79/923-S/2025/341: Letter ${[...replaced, ...allowed].join('|')}`,
      );
      expect(parsed.entry[0].summary['#text']).toContain(`Item ${[...replaced, ...allowed].join('|')}`);
      expect(parsed.entry[1].title['#text']).toContain('رسالة \uFFFD');
    });
  });
});
