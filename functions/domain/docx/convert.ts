/**
 * A Word file (`.docx`) into Distr's document model: the letter's title, its body in Distr's
 * Markdown (paragraphs, headings, the UN's numbered paragraphs, bullet and lettered lists with
 * their nesting, quotations, bold and italic, line breaks and footnotes), the signature block and
 * the annexes. mammoth reads the runs (styles resolved, footnotes collected); each paragraph is
 * tagged on the way so its text can be joined with what Distr reads itself: the numbering Word
 * would print (numbering.ts) and the first words that name it in a refusal (scan.ts).
 *
 * Runs synchronously on one file with no I/O; the service runs it in a worker thread with a
 * deadline and a heap limit (adapters/docx-runner.ts), since a crafted file can cost much CPU.
 */
import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import mammoth from 'mammoth';
import { type Inline, inlineMarkdown, normalise, plainText, readsBackAs } from './inline.ts';
import { label, readNumbering } from './numbering.ts';
import { DocxRefusal, openDocx } from './package.ts';
import { describeParagraph, type ScannedParagraph, scanDocx } from './scan.ts';

export interface ConvertedLetter {
  /** The title paragraph (Word's Title style, or a first heading), if the file has one. */
  title?: string;
  body: string;
  /** After `(Signed)`: the name (surname in bold as the file has it) and the titles under it. */
  signature?: { name: string; title: string[] };
  annexes: { heading: string; title?: string; body?: string }[];
}

export interface DocxConversion {
  letter: ConvertedLetter;
  /** Paragraphs read from the file, empty ones left out. */
  paragraphs: number;
  footnotes: number;
  /** What was kept differently from the file, for the sender to check in the preview. */
  notes: string[];
  sha256: string;
  bytes: number;
}

export type DocxResult = { ok: true; value: DocxConversion } | { ok: false; problems: string[] };

const SENTINEL = /\uE000(\d+)\uE001/g;

interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { isOrdered: boolean; level: string } | null;
}

interface Paragraph {
  scanned?: ScannedParagraph;
  styleId: string;
  styleName: string;
  numbering: { isOrdered: boolean; level: number } | null;
  inlines: Inline[];
}

/**
 * Footnotes numbered 1, 2, 3 in the order the text calls them, as the UN numbers them (a file's
 * own note ids need not start at 1: LibreOffice's start at 2).
 */
function renumber(paragraphs: Paragraph[], notes: Map<number, Inline[]>): Map<number, Inline[]> {
  const numbers = new Map<number, number>();
  for (const p of paragraphs) {
    for (const inline of p.inlines) {
      if (inline.kind !== 'note') continue;
      const number = numbers.get(inline.number) ?? numbers.size + 1;
      numbers.set(inline.number, number);
      inline.number = number;
    }
  }
  return new Map([...numbers].map(([id, number]) => [number, notes.get(id) ?? []]));
}

/** Signed, as the six language versions say it. */
const SIGNED = /^\s*[(（]\s*(Signed|Signé|Firmado|Подпись|签名|توقيع)\s*[)）]\s*/iu;
const ANNEX = /^\s*(Annex|Annexe|Anexo|Приложение|附件|المرفق)(\s|$)/iu;

const headingLevel = (p: Paragraph): number | undefined => {
  const match = /^heading\s*(\d)$/i.exec(p.styleName) ?? /^Heading(\d)$/.exec(p.styleId);
  return match ? Number(match[1]) : undefined;
};
const isTitle = (p: Paragraph) => /^(title|subtitle)$/i.test(p.styleName || p.styleId);
const isQuote = (p: Paragraph) => /quote|block text|quotation/i.test(p.styleName || p.styleId);

/** Tags each body paragraph with its place, so the HTML can be joined with Distr's own reading. */
function tagger(paragraphs: Paragraph[]) {
  const walk = (element: MammothElement): MammothElement => {
    if (element.children) element.children = element.children.map(walk);
    if (element.type === 'paragraph') {
      const index = paragraphs.length;
      paragraphs.push({
        styleId: element.styleId ?? '',
        styleName: element.styleName ?? '',
        numbering: element.numbering
          ? { isOrdered: element.numbering.isOrdered, level: Number(element.numbering.level) || 0 }
          : null,
        inlines: [],
      });
      element.children = [{ type: 'text', value: `\uE000${index}\uE001` }, ...(element.children ?? [])];
    }
    return element;
  };
  return walk;
}

/** Reads mammoth's HTML into each paragraph's runs and each footnote's. */
function readHtml(html: string, paragraphs: Paragraph[], problems: string[]) {
  const notes = new Map<number, Inline[]>();
  let target: Inline[] | undefined;
  let bold = 0;
  let italic = 0;
  let skip = 0;
  let noteRef = 0;
  const parser = new Parser(
    {
      onopentag(name, a) {
        if (skip > 0) {
          skip++;
          return;
        }
        if (name === 'strong') bold++;
        else if (name === 'em') italic++;
        else if (name === 'br') target?.push({ kind: 'break' });
        else if (name === 'li' && a.id?.startsWith('footnote-')) {
          const number = Number(a.id.slice('footnote-'.length));
          target = [];
          notes.set(number, target);
        } else if (name === 'p' && target && notes.size > 0 && [...notes.values()].at(-1) === target) {
          if (target.length > 0) target.push({ kind: 'text', text: ' ', bold: false, italic: false });
        } else if (name === 'a' && a.href?.startsWith('#footnote-ref-')) skip = 1;
        else if (name === 'a' && a.href?.startsWith('#footnote-')) {
          noteRef = Number(a.href.slice('#footnote-'.length));
          target?.push({ kind: 'note', number: noteRef });
          skip = 1;
        } else if (name === 'img')
          problems.push('an image cannot be set in the text: send it as a PDF annex');
        else if (name === 'table') problems.push('a table cannot be set in the text: send it as a PDF annex');
      },
      ontext(text) {
        if (skip > 0) return;
        let last = 0;
        for (const match of text.matchAll(SENTINEL)) {
          const before = text.slice(last, match.index);
          if (before) target?.push({ kind: 'text', text: before, bold: bold > 0, italic: italic > 0 });
          target = paragraphs[Number(match[1])]?.inlines;
          last = (match.index ?? 0) + match[0].length;
        }
        const rest = text.slice(last);
        if (rest) target?.push({ kind: 'text', text: rest, bold: bold > 0, italic: italic > 0 });
      },
      onclosetag(name) {
        if (skip > 0) {
          skip--;
          return;
        }
        if (name === 'strong') bold--;
        else if (name === 'em') italic--;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return notes;
}

type Kind =
  | { type: 'paragraph' }
  | { type: 'heading'; level: number }
  | { type: 'quote' }
  | { type: 'numbered'; value: number }
  | { type: 'item'; level: number; ordered: boolean; value: number };

interface Block {
  kind: Kind;
  inlines: Inline[];
  where: string;
}

/** Each paragraph's kind, with Word's numbering; labels that Markdown cannot number are kept as text. */
function blocksOf(paragraphs: Paragraph[], numberingXml: string | undefined, notes: string[]): Block[] {
  const numbering = readNumbering(numberingXml);
  const styleCounters = new Map<string, number[]>();
  const blocks: Block[] = [];
  for (const p of paragraphs) {
    let inlines = normalise(p.inlines);
    if (inlines.length === 0) continue;
    const where = describeParagraph(p.scanned);
    const heading = headingLevel(p);
    let kind: Kind = heading
      ? { type: 'heading', level: heading }
      : isQuote(p)
        ? { type: 'quote' }
        : { type: 'paragraph' };
    if (p.numbering) {
      const level = p.numbering.level;
      const scanned =
        p.scanned?.numId !== undefined ? numbering.next(p.scanned.numId, p.scanned.ilvl ?? level) : undefined;
      let value: number;
      let format = p.numbering.isOrdered ? 'decimal' : 'bullet';
      let printed: string | undefined;
      if (scanned) {
        value = scanned.value;
        format = scanned.level.format;
        printed = label(scanned.level, value);
      } else {
        // Numbering that comes with the paragraph's style: counted here, per style and level.
        const counters = styleCounters.get(p.styleId) ?? [];
        styleCounters.set(p.styleId, counters);
        value = (counters[level] ?? 0) + 1;
        counters[level] = value;
        counters.length = level + 1;
      }
      const ordered = format !== 'bullet' && format !== 'none';
      if (heading || (level === 0 && ordered && format !== 'decimal')) {
        // A numbered heading, or a top-level list Markdown would number 1, 2, 3: the label is text.
        if (printed && format !== 'none') {
          inlines = normalise([
            { kind: 'text', text: `${printed} `, bold: heading !== undefined, italic: false },
            ...inlines,
          ]);
        }
      } else if (level === 0 && ordered) kind = { type: 'numbered', value };
      else kind = { type: 'item', level, ordered, value };
      if (ordered && level > 0 && !/letter/i.test(format)) {
        notes.push(`${where}: its ${format} number is set as a letter, as Distr numbers lists inside lists`);
      }
    }
    blocks.push({ kind, inlines, where });
  }
  return blocks;
}

/** Markdown of a run of blocks: one part of the letter. */
function markdownOf(blocks: readonly Block[], footnotes: Map<number, Inline[]>, notes: string[]): string {
  const out: string[] = [];
  /** The content indent of each open list level. */
  let indents: string[] = [];
  let lastNumber: number | undefined;
  let delimiter = '.';
  const used: number[] = [];
  const line = (block: Block, indent: string) => {
    const md = inlineMarkdown(block.inlines, indent);
    if (!readsBackAs(md, block.inlines)) {
      notes.push(
        `${block.where}: its emphasis could not be kept exactly; check bold and italic in the preview`,
      );
    }
    for (const inline of block.inlines) if (inline.kind === 'note') used.push(inline.number);
    return md;
  };
  for (const block of blocks) {
    const { kind } = block;
    if (kind.type === 'numbered') {
      if (lastNumber !== undefined && kind.value !== lastNumber + 1)
        delimiter = delimiter === '.' ? ')' : '.';
      const marker = `${kind.value}${delimiter} `;
      indents = [' '.repeat(marker.length)];
      out.push(`${marker}${line(block, indents[0] ?? '')}`);
      lastNumber = kind.value;
      continue;
    }
    if (kind.type === 'item') {
      const level = Math.min(kind.level, indents.length);
      indents = indents.slice(0, level);
      const outer = indents.join('');
      const marker = kind.ordered ? `${kind.value}. ` : '- ';
      indents.push(' '.repeat(marker.length));
      if (level === 0) lastNumber = undefined;
      out.push(`${outer}${marker}${line(block, outer + ' '.repeat(marker.length))}`);
      continue;
    }
    indents = [];
    lastNumber = undefined;
    if (kind.type === 'heading')
      out.push(`${'#'.repeat(Math.min(kind.level, 6))} ${line(block, '')}`.replace(/\\\n/g, ' '));
    else if (kind.type === 'quote') out.push(`> ${line(block, '> ')}`);
    else out.push(line(block, ''));
  }
  for (const number of used) {
    const note = normalise(footnotes.get(number) ?? []);
    out.push(
      `[^${number}]: ${inlineMarkdown(
        note.filter((i) => i.kind !== 'break'),
        '    ',
      )}`,
    );
  }
  return out.join('\n\n');
}

/** Line Markdown (titles, names) with no footnote or break. */
const lineOf = (block: Block): string => inlineMarkdown(block.inlines.filter((i) => i.kind === 'text'));

const unbold = (inlines: readonly Inline[]): Inline[] =>
  normalise(inlines.map((i) => (i.kind === 'text' ? { ...i, bold: false } : i)));

/** Splits the letter's parts: title, body, the signature block, each annex. */
function lettersParts(blocks: Block[], footnotes: Map<number, Inline[]>, notes: string[]): ConvertedLetter {
  let start = 0;
  let title: string | undefined;
  const first = blocks[0];
  if (first && (first.kind.type === 'heading' || first.kind.type === 'paragraph')) {
    const paragraph = first as Block & { isTitle?: boolean };
    if (paragraph.isTitle || (first.kind.type === 'heading' && first.kind.level === 1)) {
      title = lineOf(first);
      start = 1;
    }
  }
  const annexAt = blocks.findIndex(
    (b, i) => i >= start && ANNEX.test(plainText(b.inlines)) && b.kind.type !== 'numbered',
  );
  const end = annexAt === -1 ? blocks.length : annexAt;
  const signedAt = blocks.findIndex((b, i) => i >= start && i < end && SIGNED.test(plainText(b.inlines)));
  let signature: ConvertedLetter['signature'];
  let bodyEnd = end;
  if (signedAt !== -1) {
    bodyEnd = signedAt;
    const signed = blocks[signedAt] as Block;
    const rest = normalise(
      signed.inlines.map((i, n) =>
        n === 0 && i.kind === 'text' ? { ...i, text: i.text.replace(SIGNED, '') } : i,
      ),
    );
    const lines = blocks.slice(signedAt + 1, end).map(lineOf);
    const nameInlines = rest.length > 0 ? lineOf({ ...signed, inlines: rest }) : lines.shift();
    if (lines.length > 5) {
      // Kept nowhere else, so refused rather than cut: a letter's signatory has a few titles.
      const sixth = blocks[end - lines.length + 5];
      throw new DocxRefusal([
        `${sixth?.where ?? 'the signature block'}: the signature block has over five lines of titles after (Signed); at most five can be set`,
      ]);
    }
    if (nameInlines) signature = { name: nameInlines, title: lines };
  }
  const annexes: ConvertedLetter['annexes'] = [];
  let i = annexAt;
  while (i !== -1 && i < blocks.length) {
    const heading = blocks[i] as Block;
    const next = blocks.findIndex(
      (b, j) => j > i && ANNEX.test(plainText(b.inlines)) && b.kind.type !== 'numbered',
    );
    const stop = next === -1 ? blocks.length : next;
    const second = blocks[i + 1];
    const titled =
      second !== undefined &&
      i + 1 < stop &&
      (second.kind.type === 'heading' ||
        second.inlines.every((inline) => inline.kind !== 'text' || inline.bold || !inline.text.trim()));
    const bodyBlocks = blocks.slice(i + (titled ? 2 : 1), stop);
    annexes.push({
      heading: lineOf(heading),
      // The renderer sets an annex's title in bold: the file's bold is not repeated as Markdown.
      ...(titled && second ? { title: lineOf({ ...second, inlines: unbold(second.inlines) }) } : {}),
      ...(bodyBlocks.length > 0 ? { body: markdownOf(bodyBlocks, footnotes, notes) } : {}),
    });
    i = next;
  }
  return {
    ...(title ? { title } : {}),
    body: markdownOf(blocks.slice(start, bodyEnd), footnotes, notes),
    ...(signature ? { signature } : {}),
    annexes,
  };
}

/** Converts a `.docx`; a file Distr cannot set faithfully is refused with every reason found. */
export async function convertDocx(bytes: Uint8Array): Promise<DocxResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const pkg = openDocx(bytes);
    const scan = scanDocx(pkg);
    if (scan.problems.length > 0) return { ok: false, problems: scan.problems };
    const paragraphs: Paragraph[] = [];
    const problems: string[] = [];
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { transformDocument: tagger(paragraphs), externalFileAccess: false, ignoreEmptyParagraphs: false },
    );
    const footnotes = renumber(paragraphs, readHtml(result.value, paragraphs, problems));
    if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
    // mammoth reads the body's paragraphs in the order the scan does; if the counts differ, the
    // numbering and the names of paragraphs are not trusted, and mammoth's own lists are used.
    const aligned = paragraphs.length === scan.paragraphs.length;
    paragraphs.forEach((p, index) => {
      if (aligned) p.scanned = scan.paragraphs[index];
    });
    const notes: string[] = [];
    if (!aligned) notes.push('the numbering of lists was counted without numbering.xml; check the numbers');
    const titles = new Set(paragraphs.filter(isTitle));
    const blocks = blocksOf(paragraphs, aligned ? pkg.parts.get('word/numbering.xml') : undefined, notes);
    const first = blocks[0];
    const firstParagraph = paragraphs.find((p) => normalise(p.inlines).length > 0);
    if (first && firstParagraph && titles.has(firstParagraph)) Object.assign(first, { isTitle: true });
    const letter = lettersParts(blocks, footnotes, notes);
    const footnoteCount = [...footnotes.values()].filter((note) => normalise(note).length > 0).length;
    return {
      ok: true,
      value: {
        letter,
        paragraphs: blocks.length,
        footnotes: footnoteCount,
        notes,
        sha256,
        bytes: bytes.byteLength,
      },
    };
  } catch (error) {
    if (error instanceof DocxRefusal) return { ok: false, problems: [...error.problems] };
    if (error instanceof RangeError) {
      return { ok: false, problems: ['the document is nested too deeply to read: save it again as .docx'] };
    }
    return {
      ok: false,
      problems: [
        `the file cannot be read as a Word document (${String((error as Error)?.message ?? error).slice(0, 120)})`,
      ],
    };
  }
}
