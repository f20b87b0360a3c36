/**
 * Document file + language → PDF bytes. Pure: no AWS, no clock, no network; the caller supplies
 * attachments (PDF annexes) through a function, so the CLI reads files and the service reads S3.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { Annex, DocumentFile } from '../domain/document.ts';
import { persistentUrl } from '../domain/document-urls.ts';
import { DIRECTION, type Lang } from '../domain/languages.ts';
import { annexNotes, footerText, mastheadText, pleaseRecycle, signatureLines } from '../domain/masthead.ts';
import { strings } from '../domain/strings.ts';
import { createTypesetter } from '../typeset/index.ts';
import type { CreateTypesetter, Run } from '../typeset/types.ts';
import { bodyBlocks, footOf, noteBlock, signatureBlock, titleBlock } from './body.ts';
import { compressContentStreams, savePdf } from './compress.ts';
import { createContext, pdfY, type RenderContext, styleOf } from './context.ts';
import { Flow, type FlowPage, type FootLine } from './flow.ts';
import { drawFirstFooter, drawRunning } from './furniture.ts';
import { inlineRuns, parseBodyTree } from './markdown.ts';
import { drawMasthead } from './masthead.ts';
import { contentHash, LANGUAGE_TAG, setMetadata } from './metadata.ts';
import { appendPdf, loadAnnex } from './pdf-annex.ts';
import type { StructElement } from './structure.ts';
import { loadTemplate, type Paper, scaleOf, type Template } from './template.ts';
import type { Conformance } from './xmp.ts';

export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

export interface RenderOptions {
  /** Base of the address the QR code opens: `{publicUrl}/{lang}/{first symbol}`. */
  publicUrl?: string;
  /** Bytes of a PDF annex by its `pdf` key; required when a version has PDF annexes. */
  attachments?: (key: string) => Promise<Uint8Array>;
  /** Layout to use instead of `templates/<kind>.json`. */
  template?: Template;
  /** Paper size; US Letter as at UN Headquarters unless told otherwise. */
  paper?: Paper;
  /** Typesetting engine; the project's own unless a test supplies another. */
  createTypesetter?: CreateTypesetter;
}

export interface RenderedDocument {
  pdf: Uint8Array;
  pages: number;
  /** Hex SHA-256 of `pdf`. */
  sha256: string;
  /**
   * The standards the file conforms to, as its XMP claims them: both, unless a PDF annex keeps the
   * file from one (an annex's pages are not tagged text; one that is not PDF/A itself).
   */
  conformance: Conformance[];
}

/** `(Signed)` with its word in italics, as the UN prints it. */
const signatureRuns = (line: string, lang: Lang): Run[] => {
  const { mark } = strings(lang).signature;
  const italic = /^\((.+)\)$/.exec(mark);
  const marked = italic && line.includes(mark) ? line.replace(mark, `(*${italic[1]}*)`) : line;
  return inlineRuns(marked);
};

/**
 * The lines of the footnote of an annex heading, for the foot of its page, as a `Note` (with the
 * ID PDF/UA asks of notes) that follows the heading whose mark calls it.
 */
const annexFootnote = (ctx: RenderContext, text: string, note: StructElement): FootLine[] => {
  const f = ctx.template.footnote;
  const style = styleOf(ctx, f.size, f.leading, { align: 'start' });
  const { left, width } = ctx.template.column;
  const boxLeft = ctx.dir === 'rtl' ? ctx.width - left - width : left;
  return ctx.typesetter.setParagraph([{ text: `* ${text}` }], style, width).map((line) => ({
    leading: style.leading,
    row: (page, baseline) => ctx.tags.mark(page, note, () => line.draw(page, boxLeft, pdfY(ctx, baseline))),
  }));
};

/** The language an annex's text is set in: its own when it is circulated untranslated. */
const annexLanguage = (annex: Annex, doc: DocumentFile, lang: Lang): Lang =>
  annex.languageOfSubmissionOnly ? (annex.originalLanguage ?? doc.originalLanguage) : lang;

/** Renders the `lang` version of `doc` to PDF bytes. Same input, same bytes. */
export const renderDocument = async (
  doc: DocumentFile,
  lang: Lang,
  options: RenderOptions = {},
): Promise<RenderedDocument> => {
  const version = doc.versions[lang];
  if (!version) throw new Error(`${doc.symbols.join('-')} has no ${lang} version`);
  const template = options.template ?? loadTemplate(doc.kind);
  const paper = template.paper[options.paper ?? 'letter'];
  const attachments = new Map<string, Uint8Array>();
  for (const annex of version.annexes) {
    if (!annex.pdf || attachments.has(annex.pdf)) continue;
    if (!options.attachments)
      throw new Error(`Annex "${annex.heading}" is a PDF (${annex.pdf}) but no attachments were given`);
    attachments.set(annex.pdf, await options.attachments(annex.pdf));
  }
  const annexPdfs = new Map(
    await Promise.all(
      [...attachments].map(async ([key, bytes]) => [key, await loadAnnex(bytes, key)] as const),
    ),
  );

  const pdf = await PDFDocument.create({ updateMetadata: false });
  const typesetter = await (options.createTypesetter ?? createTypesetter)(pdf);
  const ctx = createContext(pdf, typesetter, template, lang, paper);
  const { content } = template;
  const { tags } = ctx;

  const newPage = (): FlowPage => ({
    page: pdf.addPage([paper.width, paper.height]),
    bottom: paper.height - content.lastBaselineFromBottom,
  });
  const first = newPage();
  first.bottom = paper.height - content.firstPageLastBaselineFromBottom;
  const mastheadEnd = drawMasthead(ctx, first.page, mastheadText(doc, lang));
  const flow = new Flow(first, mastheadEnd, content.firstBaseline, newPage, footOf(ctx));

  flow.add(
    titleBlock(
      ctx,
      tags.root.add('H1'),
      inlineRuns(version.title),
      template.title,
      template.title.spaceBefore,
    ),
  );
  for (const block of bodyBlocks(ctx, parseBodyTree(version.body), tags.root, 2)) flow.add(block);
  const signature = signatureLines(version.signature, lang, doc.kind);
  if (signature.length > 0)
    flow.add(
      signatureBlock(
        ctx,
        tags.root,
        signature.map((line) => signatureRuns(line, lang)),
      ),
    );

  let notes = 0;
  for (const annex of version.annexes) {
    flow.breakPage();
    const annexNote = annexNotes(annex, doc, lang);
    const annexLang = annexLanguage(annex, doc, lang);
    const annexCtx: RenderContext =
      annexLang === lang
        ? ctx
        : { ...ctx, lang: annexLang, dir: DIRECTION[annexLang], scale: scaleOf(template, annexLang) };
    const sect = tags.root.add('Sect');
    const headingElement = sect.add('H1');
    if (annexNote.footnote) {
      notes++;
      flow.footnote(annexFootnote(ctx, annexNote.footnote, sect.add('Note', { id: `note-${notes}` })));
    }
    const heading = inlineRuns(annex.heading);
    if (annexNote.footnote) heading.push({ text: '*', role: 'bold' });
    flow.add(titleBlock(ctx, headingElement, heading, template.annex.heading));
    if (annexNote.original) flow.add(noteBlock(ctx, sect.add('P'), annexNote.original));
    // An annex circulated untranslated keeps its own language, said once for all its text.
    const annexRoot = annexLang === lang ? sect : sect.add('Div', { lang: LANGUAGE_TAG[annexLang] });
    if (annex.title)
      flow.add(titleBlock(annexCtx, annexRoot.add('H2'), inlineRuns(annex.title), template.annex.title));
    if (annex.body)
      for (const block of bodyBlocks(annexCtx, parseBodyTree(annex.body), annexRoot, annex.title ? 3 : 2))
        flow.add(block);
    flow.flushHeld();
    const source = annex.pdf ? annexPdfs.get(annex.pdf) : undefined;
    if (annex.pdf && source) {
      // A note split at the foot of the text's last page goes on before the annex's own pages.
      flow.finish();
      const name = [annex.heading, annex.title].filter(Boolean).join(': ');
      await appendPdf(pdf, source, tags, (index, count) =>
        annexRoot.add('Figure', { alt: `${name} (${index + 1}/${count})` }),
      );
    }
  }
  flow.finish();

  const pages = pdf.getPages();
  const footer = footerText(doc, lang);
  const url = persistentUrl(options.publicUrl ?? DEFAULT_PUBLIC_URL, doc.symbols[0] ?? '', lang);
  pages.forEach((page, index) => {
    // Copied annex pages may have their own size: place the stamps by each page's own edges.
    const pageCtx = { ...ctx, width: page.getWidth(), height: page.getHeight() };
    if (index === 0)
      drawFirstFooter(pageCtx, page, footer, doc.jobNumber, url, pleaseRecycle(lang), `QR code: ${url}`);
    else drawRunning(pageCtx, page, index + 1, pages.length, doc.symbols, doc.jobNumber);
  });
  typesetter.finish();
  tags.write(pdf);

  const conformance: Conformance[] = [];
  const sources = [...annexPdfs.values()];
  if (sources.every((source) => source.archival)) conformance.push('PDF/A-2u');
  if (sources.length === 0) conformance.push('PDF/UA-1');
  setMetadata(
    pdf,
    doc,
    version,
    lang,
    contentHash([
      JSON.stringify(doc),
      lang,
      JSON.stringify(template),
      options.paper ?? 'letter',
      ...attachments.values(),
    ]),
    conformance,
  );
  compressContentStreams(pdf);
  const bytes = await savePdf(pdf);
  return {
    pdf: bytes,
    pages: pages.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    conformance,
  };
};
