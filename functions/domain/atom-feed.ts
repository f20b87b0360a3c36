/**
 * The Atom 1.0 feed (RFC 4287) of distributed documents: one entry per document, newest first,
 * with one `rel="alternate"` PDF link per language (`hreflang`), and one to the JSON metadata.
 * Pure string building; every text and attribute is escaped, and characters XML forbids replaced
 * (xml-text.ts), so no title can make the feed unreadable for everyone.
 */
import { documentUrl, persistentUrl } from './document-urls.ts';
import { LANGUAGES, type Lang } from './languages.ts';
import type { DocumentMetadata } from './public-document.ts';
import { escapeXml } from './xml-text.ts';

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** Strips the Markdown-light emphasis the document file uses (`**Surname**`, `*title*`). */
const plain = (text: string) => text.replace(/\*+/g, '');

const ORGAN_NAMES: Record<string, string> = {
  GA: 'General Assembly',
  SC: 'Security Council',
  ECOSOC: 'Economic and Social Council',
};

/** The entry's title: English if issued in English, else the original language's, else the first. */
function titleOf(metadata: DocumentMetadata): { text: string; lang: Lang | undefined } {
  const order: Lang[] = ['en', metadata.originalLanguage, ...LANGUAGES];
  const lang = order.find((l) => metadata.title[l]);
  return { text: plain(lang ? (metadata.title[lang] ?? '') : ''), lang };
}

/** One line on where the document was circulated: organs, session, agenda items, languages. */
export function entrySummary(metadata: DocumentMetadata): string {
  const organs = metadata.organs.map((organ) => {
    if (organ.organ === 'GA') {
      const items = (organ.agendaItems ?? []).map((i) =>
        `${i.item} (${i.title.en ?? ''})`.replace(' ()', ''),
      );
      return `${ORGAN_NAMES.GA}, session ${organ.session}${items.length > 0 ? `, agenda item${items.length > 1 ? 's' : ''} ${items.join('; ')}` : ''}`;
    }
    return `${ORGAN_NAMES[organ.organ] ?? organ.organ}, ${organ.year}`;
  });
  const languages = metadata.languages.map((l) => l.lang).join(', ');
  return `${metadata.symbol}. ${organs.join('. ')}. Languages: ${languages}${metadata.partial ? ' (partial issuance)' : ''}.`;
}

export interface FeedOptions {
  publicUrl: string;
  /** The feed's own URL, with its query (the feed id and `rel="self"`). */
  selfUrl: string;
  /** When the feed was generated; `updated` is the newest entry's, or this for an empty feed. */
  now: Date;
  /** The next page (RFC 5005 paging), when there is one. */
  nextUrl?: string;
}

export function atomFeed(entries: readonly DocumentMetadata[], options: FeedOptions): string {
  const { publicUrl, selfUrl } = options;
  const updated = entries[0]?.distributedAt ?? options.now.toISOString();
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(selfUrl)}</id>`,
    '  <title>Distr: distributed documents</title>',
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(selfUrl)}"/>`,
    `  <link rel="alternate" type="application/json" href="${escapeXml(`${publicUrl}/v1/documents`)}"/>`,
    ...(options.nextUrl
      ? [`  <link rel="next" type="application/atom+xml" href="${escapeXml(options.nextUrl)}"/>`]
      : []),
    '  <author><name>Distr</name></author>',
    '  <generator>Distr</generator>',
  ];
  for (const metadata of entries) {
    const self = documentUrl(publicUrl, metadata.symbol);
    const title = titleOf(metadata);
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(self)}</id>`,
      `    <title type="text"${title.lang ? ` xml:lang="${title.lang}"` : ''}>${escapeXml(`${metadata.symbol}: ${title.text}`)}</title>`,
      `    <updated>${escapeXml(metadata.distributedAt)}</updated>`,
      `    <published>${escapeXml(metadata.distributedAt)}</published>`,
      `    <link rel="related" type="application/json" href="${escapeXml(self)}"/>`,
      ...metadata.languages.map(
        (l) =>
          `    <link rel="alternate" type="application/pdf" hreflang="${escapeXml(l.lang)}" length="${l.bytes}" title="${escapeXml(`${metadata.symbol} (${l.lang})`)}" href="${escapeXml(persistentUrl(publicUrl, metadata.symbols[0] ?? '', l.lang))}"/>`,
      ),
      ...metadata.organs.map(
        (organ) =>
          `    <category term="${escapeXml(organ.organ)}" label="${escapeXml(ORGAN_NAMES[organ.organ] ?? organ.organ)}"/>`,
      ),
      `    <summary type="text">${escapeXml(entrySummary(metadata))}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
