/**
 * Text stored before the text policy, or written past it, cannot break what Distr writes for
 * others: every text field of a document holding every hostile character still gives a
 * well-formed Atom feed (to a strict XML parser), JSON that parses back to the same text, a
 * well-formed XMP packet, and either a PDF that qpdf and MuPDF read cleanly or, for characters no
 * font can set, a refusal before any byte is written.
 */
import { spawnSync } from 'node:child_process';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { atomFeed } from '../functions/domain/atom-feed.ts';
import type { DocumentFile } from '../functions/domain/document.ts';
import { LANGUAGES } from '../functions/domain/languages.ts';
import type { DocumentMetadata } from '../functions/domain/public-document.ts';
import { UntypesettableTextError, untypesettable } from '../functions/domain/typesettable.ts';
import { json } from '../functions/http/http-api.ts';
import { renderDocument } from '../functions/render/index.ts';
import { xmpPacket } from '../functions/render/xmp.ts';
import { documentMetadata, loadFixture } from './support/fixtures.ts';
import { mupdfErrors, pdfXmp, tempFile } from './support/pdf.ts';
import { checkPdf } from './support/pdf-ua-check.ts';

/** Every class the policy refuses, and what XML 1.0 forbids, one or more of each. */
const HOSTILE = [
  ...Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)),
  '\u007F',
  '\u0085',
  '\u009F',
  '\u202A\u202B\u202C\u202D\u202E',
  '\u2066\u2067\u2068\u2069',
  '\u200E\u200F\u061C',
  '\u200B\u200C\u200D\u2060\u2061\u2064',
  '\uFEFF',
  '\u00AD',
  '\u3164',
  '\u2028\u2029',
  '\u{E0001}\u{E0061}\u{E007F}',
  '\uFFF9',
  '\uE000',
  '\uFDD0',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  ']]>',
  '<&>"\'',
];
const ALL = HOSTILE.join('|');
/** The hostile characters a font can set (or sets without a glyph): a render must take them. */
const SETTABLE = HOSTILE.filter((h) => untypesettable(h).length === 0).join('|');

const strictXmlErrors = (xml: string): string[] => {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => errors.push(error.message));
  parser.write(xml).close();
  return errors;
};

const hostileMetadata = (): DocumentMetadata =>
  documentMetadata({
    title: Object.fromEntries(LANGUAGES.map((lang) => [lang, `Title ${lang} ${ALL}`])),
    organs: [
      {
        organ: 'GA',
        session: 79,
        agendaItems: [
          { item: '51', title: Object.fromEntries(LANGUAGES.map((lang) => [lang, `Item ${lang} ${ALL}`])) },
        ],
      },
      { organ: 'SC', year: 2025 },
    ],
  });

describe('the Atom feed', () => {
  it('is well-formed with every hostile character in every text field of every entry', () => {
    const entries = [
      hostileMetadata(),
      // The entry title falls back to the original language's when there is no English one.
      { ...hostileMetadata(), originalLanguage: 'ar' as const, title: { ar: `عنوان ${ALL}` } },
    ];
    const xml = atomFeed(entries, {
      publicUrl: 'https://distr.example',
      selfUrl: `https://distr.example/v1/feeds/documents.atom?q=${ALL}`,
      now: new Date('2026-01-01T00:00:00Z'),
      nextUrl: `https://distr.example/v1/feeds/documents.atom?cursor=${ALL}`,
    });
    expect(strictXmlErrors(xml)).toEqual([]);
    expect(xml).toContain('Title en ');
    expect(xml).toContain('Item en ');
  });
});

describe('JSON answers', () => {
  it('are well-formed text that parses back to the very same strings', () => {
    const metadata = hostileMetadata();
    const { body } = json(200, { items: [metadata] });
    expect(typeof body).toBe('string');
    const text = String(body);
    // Lone surrogates travel as \uD800 escapes, controls as \u0007: the answer is valid UTF-8 text.
    expect(text.isWellFormed()).toBe(true);
    expect([...text].filter((c) => c < ' ')).toEqual([]);
    expect(JSON.parse(text)).toEqual({ items: [metadata] });
  });
});

describe('the XMP packet of a PDF', () => {
  it('is well-formed with every hostile character in the title, subject and author', () => {
    const packet = xmpPacket({
      title: `Title ${ALL}`,
      lang: 'en',
      description: `A/79/923 ${ALL}`,
      creator: `United Nations ${ALL}`,
      identifier: `A/79/923 ${ALL}`,
      producer: 'Distr',
      creatorTool: 'Distr',
      date: '2025-06-03T00:00:00Z',
      conformance: ['PDF/A-2u', 'PDF/UA-1'],
    });
    expect(strictXmlErrors(packet)).toEqual([]);
  });
});

describe('the PDF of a document holding hostile characters in every text field', () => {
  const withText = (extra: string): DocumentFile => {
    const doc = loadFixture();
    const en = doc.versions.en;
    if (!en) throw new Error('the fixture has an English version');
    return {
      ...doc,
      versions: {
        en: {
          ...en,
          title: `${en.title} ${extra}`,
          body: `${extra}\n\n${en.body}`,
          signature: { name: `Antje **Leendertse** ${extra}`, title: [`Permanent Representative ${extra}`] },
          annexes: [{ heading: `Annex ${extra}`, title: `Summary ${extra}`, body: `Text ${extra}` }],
        },
      },
    };
  };

  it('renders, with every character a font can set, to a file qpdf and MuPDF read cleanly', async () => {
    const { pdf, pages } = await renderDocument(withText(SETTABLE), 'en');
    expect(pages).toBeGreaterThan(0);
    const check = spawnSync('qpdf', ['--check', tempFile(pdf)], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(mupdfErrors(pdf)).toEqual([]);
    // The archival and accessibility claims hold too: the Info dictionary says what the XMP says.
    expect((await checkPdf(pdf)).failures).toEqual([]);
    const packet = pdfXmp(pdf).trim();
    expect(packet).toContain('<dc:title>');
    expect(strictXmlErrors(packet)).toEqual([]);
  }, 60_000);

  it('is refused, before a byte is written, for characters no font can set', async () => {
    for (const char of ['\uD800', '\uFFFE', '\uE000', '\uFFF9']) {
      await expect(
        renderDocument(withText(char), 'en'),
        `U+${char.charCodeAt(0).toString(16)}`,
      ).rejects.toThrow(UntypesettableTextError);
    }
  }, 60_000);
});
