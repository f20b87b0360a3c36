/**
 * One pass over a Word document's XML before conversion: the body's paragraphs in order (their
 * first words, to name them, and their list numbering), and every construct Distr cannot set or
 * must not accept silently — tables, images and other drawings, text boxes, tracked changes,
 * comments, endnotes, equations, embedded or externally linked content — each named by the
 * paragraph it is in or follows. htmlparser2 reads the XML as a stream; it expands no entity
 * beyond XML's own (DTDs are refused before this: package.ts).
 */
import { Parser } from 'htmlparser2';
import type { DocxPackage } from './package.ts';

export interface ScannedParagraph {
  /** 1-based, as a reader counts the file's paragraphs. */
  number: number;
  text: string;
  numId?: string;
  ilvl?: number;
}

export interface Scan {
  paragraphs: ScannedParagraph[];
  problems: string[];
}

const PDF_ANNEX = 'send it as a PDF annex instead (annexes[].pdfBase64 or an uploaded attachment)';

/** Elements refused wherever they are, with what to say. */
const REFUSED: Record<string, string> = {
  'w:tbl': `a table cannot be set in the text: ${PDF_ANNEX}`,
  'w:drawing': `an image or drawing cannot be set in the text: ${PDF_ANNEX}`,
  'w:pict': `an image or drawing cannot be set in the text: ${PDF_ANNEX}`,
  'w:object': `an embedded object cannot be set in the text: ${PDF_ANNEX}`,
  'w:txbxContent': 'a text box cannot be set: move its text into the body',
  'w:ins':
    'a tracked change (an insertion) is still in the file: accept or reject all changes in Word, then send it again',
  'w:del':
    'a tracked change (a deletion) is still in the file: accept or reject all changes in Word, then send it again',
  'w:moveFrom':
    'a tracked change (a move) is still in the file: accept or reject all changes in Word, then send it again',
  'w:moveTo':
    'a tracked change (a move) is still in the file: accept or reject all changes in Word, then send it again',
  'w:rPrChange':
    'a tracked formatting change is still in the file: accept or reject all changes in Word, then send it again',
  'w:pPrChange':
    'a tracked formatting change is still in the file: accept or reject all changes in Word, then send it again',
  'w:commentRangeStart': 'a comment is still in the file: delete the comments in Word, then send it again',
  'w:commentReference': 'a comment is still in the file: delete the comments in Word, then send it again',
  'w:endnoteReference': 'an endnote cannot be set: make it a footnote',
  'w:altChunk': 'imported content (altChunk) cannot be read: paste it into the document as text',
  'w:subDoc': 'a linked subdocument cannot be read: insert its text into the document',
  'm:oMath': 'an equation cannot be set in the text: send it as a PDF annex instead',
};

/** External targets that would bring content in; hyperlinks and attached templates are only ignored. */
const EXTERNAL_OK = /\/(hyperlink|attachedTemplate)$/;

const FIRST_WORDS = 8;
const firstWords = (text: string): string => {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const head = words.slice(0, FIRST_WORDS).join(' ');
  return words.length > FIRST_WORDS ? `${head}…` : head;
};

export const describeParagraph = (paragraph: ScannedParagraph | undefined): string =>
  paragraph
    ? `paragraph ${paragraph.number}${paragraph.text.trim() ? ` (“${firstWords(paragraph.text)}”)` : ''}`
    : 'the start of the document';

function scanDocument(xml: string): Scan {
  const paragraphs: ScannedParagraph[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  let choice = 0;
  let table = 0;
  let tableText = '';
  let current: ScannedParagraph | undefined;
  let inText = false;
  let inPPr = 0;
  let inNumPr = false;
  let pendingInParagraph: string[] = [];
  const report = (message: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    problems.push(message);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'mc:Choice') choice++;
        const refusal = REFUSED[name];
        if (refusal) {
          if (name === 'w:tbl') {
            if (table === 0) tableText = '';
            table++;
          } else if (current && table === 0) pendingInParagraph.push(refusal);
          else if (table === 0) report(`after ${describeParagraph(paragraphs.at(-1))}: ${refusal}`);
        }
        if (choice > 0 || table > 0) {
          if (name === 'w:t') inText = true;
          return;
        }
        if (name === 'w:p') {
          current = { number: paragraphs.length + 1, text: '' };
          pendingInParagraph = [];
        } else if (name === 'w:pPr') inPPr++;
        else if (name === 'w:numPr' && inPPr > 0) inNumPr = true;
        else if (inNumPr && current && name === 'w:numId') current.numId = attributes['w:val'] ?? '';
        else if (inNumPr && current && name === 'w:ilvl') current.ilvl = Number(attributes['w:val'] ?? 0);
        else if (name === 'w:t') inText = true;
        else if (current && (name === 'w:tab' || name === 'w:br')) current.text += ' ';
      },
      ontext(text) {
        if (!inText) return;
        if (table > 0) tableText += text;
        else if (current && choice === 0) current.text += text;
      },
      onclosetag(name) {
        if (name === 'mc:Choice') choice--;
        if (name === 'w:t') inText = false;
        if (name === 'w:tc' && table > 0) tableText += ' ';
        if (name === 'w:tbl') {
          table--;
          if (table === 0) {
            const after = paragraphs.at(-1);
            const begins = tableText.trim() ? ` beginning “${firstWords(tableText)}”` : '';
            const place = after ? `after ${describeParagraph(after)}` : 'at the start of the document';
            report(`${place}: a table${begins} cannot be set in the text: ${PDF_ANNEX}`);
          }
          return;
        }
        if (choice > 0 || table > 0) return;
        if (name === 'w:pPr') inPPr--;
        else if (name === 'w:numPr') inNumPr = false;
        else if (name === 'w:p' && current) {
          paragraphs.push(current);
          for (const refusal of pendingInParagraph) report(`${describeParagraph(current)}: ${refusal}`);
          current = undefined;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return { paragraphs, problems };
}

/** Notes, comments and relationships: anything that would bring in text Distr cannot place. */
function scanAround(pkg: DocxPackage): string[] {
  const problems: string[] = [];
  const comments = pkg.parts.get('word/comments.xml');
  const anchored = /<w:comment(Reference|RangeStart)\b/.test(pkg.parts.get('word/document.xml') ?? '');
  if (!anchored && comments && /<w:comment\b/.test(comments)) {
    problems.push('the file holds comments: delete the comments in Word, then send it again');
  }
  const endnotes = pkg.parts.get('word/endnotes.xml') ?? '';
  const real = [...endnotes.matchAll(/<w:endnote\b([^>]*)>/g)].filter(
    ([, attributes]) =>
      !/w:type="(separator|continuationSeparator|continuationNotice)"/.test(attributes ?? ''),
  );
  if (real.length > 0) problems.push('the file holds endnotes, which cannot be set: make them footnotes');
  const footnotes = pkg.parts.get('word/footnotes.xml') ?? '';
  for (const name of ['w:tbl', 'w:drawing', 'w:pict', 'w:ins', 'w:del', 'w:commentReference'] as const) {
    if (footnotes.includes(`<${name}`)) problems.push(`in a footnote: ${REFUSED[name]}`);
  }
  for (const [name, text] of pkg.parts) {
    if (!name.endsWith('.rels')) continue;
    for (const [element] of text.matchAll(/<Relationship\b[^>]*>/g)) {
      if (!/TargetMode="External"/i.test(element)) continue;
      const type = /Type="([^"]*)"/.exec(element)?.[1] ?? '';
      if (EXTERNAL_OK.test(type)) continue;
      const target = (/Target="([^"]*)"/.exec(element)?.[1] ?? '').slice(0, 100);
      problems.push(
        `the file links to outside content (${type.split('/').at(-1)} “${target}”), which Distr never fetches: embed the content or remove the link`,
      );
    }
  }
  return problems;
}

export function scanDocx(pkg: DocxPackage): Scan {
  const scan = scanDocument(pkg.parts.get('word/document.xml') ?? '');
  return { paragraphs: scan.paragraphs, problems: [...scan.problems, ...scanAround(pkg)] };
}
