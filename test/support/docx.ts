/**
 * Word files for the tests, written with the `docx` library: a letter in each of the six languages
 * with what the converter must keep (a title, emphasis, a footnote, numbered paragraphs that go on
 * after a heading, a lettered list inside one, bullets, a quotation, a line break, the signature
 * block and an annex), and small files holding one construct to refuse. Plain ZIP surgery for the
 * parts the library does not write (tracked changes, comments, macros) goes through fflate.
 */
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { unzipSync, zipSync } from 'fflate';
import type { Lang } from '../../functions/domain/languages.ts';

export interface LetterText {
  title: string;
  opening: [string, string, string];
  numbered: [string, string, string];
  heading: string;
  lettered: [string, string];
  bullet: string;
  quote: string;
  lines: [string, string];
  footnote: string;
  signed: string;
  given: string;
  surname: string;
  titles: [string];
  annex: string;
  annexTitle: string;
  annexBody: string;
}

export const LETTERS: Record<Lang, LetterText> = {
  en: {
    title: 'Letter dated 2 May 2025 from the Permanent Representative addressed to the Secretary-General',
    opening: ['I have the honour to ', 'transmit', ' herewith the summary of the meeting.'],
    numbered: [
      'The meeting opened with a statement by the Chair.',
      'Delegations welcomed the report.',
      'The meeting continued with a general debate.',
    ],
    heading: 'Outcome of the meeting',
    lettered: ['to strengthen cooperation;', 'to report on progress.'],
    bullet: 'Participants agreed on the next steps.',
    quote: 'All States shall settle their disputes by peaceful means.',
    lines: ['First line of the address', 'Second line of the address'],
    footnote: 'See document A/79/100.',
    signed: '(Signed)',
    given: 'Antje',
    surname: 'Leendertse',
    titles: ['Permanent Representative'],
    annex: 'Annex',
    annexTitle: 'Summary of the meeting',
    annexBody: 'The Chair thanked the participants.',
  },
  fr: {
    title: 'Lettre datée du 2 mai 2025, adressée au Secrétaire général par le Représentant permanent',
    opening: ['J’ai l’honneur de vous ', 'transmettre', ' ci-joint le résumé de la réunion.'],
    numbered: [
      'La réunion s’est ouverte par une déclaration de la Présidente.',
      'Les délégations se sont félicitées du rapport.',
      'La réunion s’est poursuivie par un débat général.',
    ],
    heading: 'Résultats de la réunion',
    lettered: ['de renforcer la coopération ;', 'de rendre compte des progrès.'],
    bullet: 'Les participants sont convenus des prochaines étapes.',
    quote: 'Tous les États règlent leurs différends par des moyens pacifiques.',
    lines: ['Première ligne de l’adresse', 'Deuxième ligne de l’adresse'],
    footnote: 'Voir le document A/79/100.',
    signed: '(Signé)',
    given: 'Antje',
    surname: 'Leendertse',
    titles: ['Représentante permanente'],
    annex: 'Annexe',
    annexTitle: 'Résumé de la réunion',
    annexBody: 'La Présidente a remercié les participants.',
  },
  es: {
    title: 'Carta de fecha 2 de mayo de 2025 dirigida al Secretario General por el Representante Permanente',
    opening: ['Tengo el honor de ', 'transmitirle', ' adjunto el resumen de la reunión.'],
    numbered: [
      'La reunión comenzó con una declaración de la Presidencia.',
      'Las delegaciones acogieron con beneplácito el informe.',
      'La reunión continuó con un debate general.',
    ],
    heading: 'Resultados de la reunión',
    lettered: ['reforzar la cooperación;', 'informar sobre los progresos.'],
    bullet: 'Los participantes acordaron los próximos pasos.',
    quote: 'Todos los Estados arreglarán sus controversias por medios pacíficos.',
    lines: ['Primera línea de la dirección', 'Segunda línea de la dirección'],
    footnote: 'Véase el documento A/79/100.',
    signed: '(Firmado)',
    given: 'Antje',
    surname: 'Leendertse',
    titles: ['Representante Permanente'],
    annex: 'Anexo',
    annexTitle: 'Resumen de la reunión',
    annexBody: 'La Presidencia dio las gracias a los participantes.',
  },
  ru: {
    title: 'Письмо Постоянного представителя от 2 мая 2025 года на имя Генерального секретаря',
    opening: ['Имею честь ', 'препроводить', ' настоящим резюме заседания.'],
    numbered: [
      'Заседание открылось заявлением Председателя.',
      'Делегации приветствовали доклад.',
      'Заседание продолжилось общими прениями.',
    ],
    heading: 'Итоги заседания',
    lettered: ['укреплять сотрудничество;', 'сообщать о достигнутом прогрессе.'],
    bullet: 'Участники согласовали дальнейшие шаги.',
    quote: 'Все государства разрешают свои споры мирными средствами.',
    lines: ['Первая строка адреса', 'Вторая строка адреса'],
    footnote: 'См. документ A/79/100.',
    signed: '(Подпись)',
    given: 'Антье',
    surname: 'Леендертсе',
    titles: ['Постоянный представитель'],
    annex: 'Приложение',
    annexTitle: 'Резюме заседания',
    annexBody: 'Председатель поблагодарила участников.',
  },
  zh: {
    title: '2025年5月2日常驻代表给秘书长的信',
    opening: ['谨随函', '转递', '会议摘要。'],
    numbered: ['会议由主席致辞开幕。', '各代表团欢迎该报告。', '会议继续进行一般性辩论。'],
    heading: '会议成果',
    lettered: ['加强合作；', '报告进展情况。'],
    bullet: '与会者商定了后续步骤。',
    quote: '各国应以和平方法解决其争端。',
    lines: ['地址第一行', '地址第二行'],
    footnote: '见A/79/100号文件。',
    signed: '（签名）',
    given: '安特耶',
    surname: '伦德茨',
    titles: ['常驻代表'],
    annex: '附件',
    annexTitle: '会议摘要',
    annexBody: '主席感谢与会者。',
  },
  ar: {
    title: 'رسالة مؤرخة 2 أيار/مايو 2025 موجهة إلى الأمين العام من الممثل الدائم',
    opening: ['يشرفني أن ', 'أحيل', ' طيه ملخص الاجتماع.'],
    numbered: ['افتتح الاجتماع ببيان من الرئيسة.', 'رحبت الوفود بالتقرير.', 'واستمر الاجتماع بمناقشة عامة.'],
    heading: 'نتائج الاجتماع',
    lettered: ['تعزيز التعاون؛', 'الإبلاغ عن التقدم المحرز.'],
    bullet: 'اتفق المشاركون على الخطوات التالية.',
    quote: 'يفض جميع أعضاء الهيئة منازعاتهم الدولية بالوسائل السلمية.',
    lines: ['السطر الأول من العنوان', 'السطر الثاني من العنوان'],
    footnote: 'انظر الوثيقة A/79/100.',
    signed: '(توقيع)',
    given: 'أنتيي',
    surname: 'ليندرتسه',
    titles: ['الممثلة الدائمة'],
    annex: 'المرفق',
    annexTitle: 'ملخص الاجتماع',
    annexBody: 'شكرت الرئيسة المشاركين.',
  },
};

const NUMBERING = {
  config: [
    {
      reference: 'paragraphs',
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
        { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.START },
      ],
    },
    { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•' }] },
    {
      reference: 'from-seven',
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 7, alignment: AlignmentType.START },
      ],
    },
  ],
};

/** The paragraphs of the letter as a reader sees them, in order (for the PDF's text). */
export const letterParagraphs = (t: LetterText): string[] => [
  t.opening.join(''),
  t.numbered[0],
  t.lettered[0],
  t.lettered[1],
  t.numbered[1],
  t.heading,
  t.numbered[2],
  t.bullet,
  t.quote,
  t.lines[0],
  t.lines[1],
  t.footnote,
];

/** A letter in `lang`, with every structure the converter keeps. */
export async function letterDocx(lang: Lang): Promise<Uint8Array> {
  const t = LETTERS[lang];
  const rtl = lang === 'ar';
  const p = (text: string, extra: ConstructorParameters<typeof Paragraph>[0] & object = {}) =>
    new Paragraph({ children: [new TextRun({ text, rightToLeft: rtl })], bidirectional: rtl, ...extra });
  const doc = new Document({
    numbering: NUMBERING,
    styles: {
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          run: { italics: true },
          paragraph: { indent: { left: 720, right: 720 } },
        },
      ],
    },
    footnotes: { 1: { children: [new Paragraph({ children: [new TextRun(t.footnote)] })] } },
    sections: [
      {
        children: [
          p(t.title, { heading: HeadingLevel.TITLE }),
          new Paragraph({
            bidirectional: rtl,
            children: [
              new TextRun(t.opening[0]),
              new TextRun({ text: t.opening[1], bold: true }),
              new TextRun({ text: t.opening[2], italics: true }),
              new FootnoteReferenceRun(1),
            ],
          }),
          p(t.numbered[0], { numbering: { reference: 'paragraphs', level: 0 } }),
          p(t.lettered[0], { numbering: { reference: 'paragraphs', level: 1 } }),
          p(t.lettered[1], { numbering: { reference: 'paragraphs', level: 1 } }),
          p(t.numbered[1], { numbering: { reference: 'paragraphs', level: 0 } }),
          p(t.heading, { heading: HeadingLevel.HEADING_2 }),
          p(t.numbered[2], { numbering: { reference: 'paragraphs', level: 0 } }),
          p(t.bullet, { numbering: { reference: 'bullets', level: 0 } }),
          p(t.quote, { style: 'Quote' }),
          new Paragraph({
            bidirectional: rtl,
            children: [new TextRun(t.lines[0]), new TextRun({ text: t.lines[1], break: 1 })],
          }),
          p(t.signed),
          new Paragraph({
            bidirectional: rtl,
            children: [new TextRun(`${t.given} `), new TextRun({ text: t.surname, bold: true })],
          }),
          p(t.titles[0]),
          p(t.annex, { heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ bidirectional: rtl, children: [new TextRun({ text: t.annexTitle, bold: true })] }),
          p(t.annexBody),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Paragraphs numbered 7, 8 after a heading and 9 after another: Word's start and continued numbers. */
export async function numberingDocx(): Promise<Uint8Array> {
  const n = (text: string) => new Paragraph({ text, numbering: { reference: 'from-seven', level: 0 } });
  const doc = new Document({
    numbering: NUMBERING,
    sections: [
      {
        children: [
          new Paragraph('Opening paragraph.'),
          n('Seventh paragraph.'),
          n('Eighth paragraph.'),
          new Paragraph({ text: 'A heading between', heading: HeadingLevel.HEADING_2 }),
          n('Ninth paragraph.'),
          new Paragraph('A plain paragraph between.'),
          n('Tenth paragraph.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const PIXEL = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** A letter of plain paragraphs with `extra` after the second. */
export async function docxWith(extra: Paragraph | Table): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('I have the honour to transmit the report.'),
          new Paragraph('The Council welcomed the proposal of the Secretary-General.'),
          extra,
          new Paragraph('Accept the assurances of my highest consideration.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export const tableDocx = () =>
  docxWith(
    new Table({
      rows: [
        new TableRow({
          children: [
            new TableCell({ children: [new Paragraph('Budget line')] }),
            new TableCell({ children: [new Paragraph('Amount')] }),
          ],
        }),
      ],
    }),
  );

export const imageDocx = () =>
  docxWith(
    new Paragraph({
      children: [
        new TextRun('The map below shows the area. '),
        new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 10, height: 10 } }),
      ],
    }),
  );

/** `docx` with its document.xml (or another part) changed by `edit`. */
export function editPart(
  docx: Uint8Array,
  edit: (xml: string) => string,
  part = 'word/document.xml',
): Uint8Array {
  const files = unzipSync(docx);
  const xml = new TextDecoder().decode(files[part]);
  files[part] = new TextEncoder().encode(edit(xml));
  return zipSync(files);
}

/** `docx` with a part added. */
export function addPart(docx: Uint8Array, name: string, content: string | Uint8Array): Uint8Array {
  const files = unzipSync(docx);
  files[name] = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
  return zipSync(files);
}

/** A tracked insertion around the second paragraph's run. */
export const trackedChangeDocx = async () =>
  editPart(await docxWith(new Paragraph('Inserted later.')), (xml) =>
    xml.replace(
      /(<w:p>(?:(?!<w:p>).)*?)(<w:r>(?:(?!<\/w:r>).)*Inserted later\.(?:(?!<\/w:r>).)*<\/w:r>)/,
      '$1<w:ins w:id="1" w:author="A" w:date="2025-05-01T00:00:00Z">$2</w:ins>',
    ),
  );

/** A comment anchored in the second paragraph. */
export const commentDocx = async () =>
  addPart(
    editPart(await docxWith(new Paragraph('Commented text.')), (xml) =>
      xml.replace(
        'Commented text.</w:t></w:r>',
        'Commented text.</w:t></w:r><w:r><w:commentReference w:id="0"/></w:r>',
      ),
    ),
    'word/comments.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="A"><w:p><w:r><w:t>Check this.</w:t></w:r></w:p></w:comment></w:comments>',
  );

/** A .docm: the macro-enabled main type and a VBA project. */
export const macroDocx = async () =>
  addPart(
    editPart(
      await docxWith(new Paragraph('With macros.')),
      (xml) => xml.replace('wordprocessingml.document.main+xml', 'ms-word.document.macroEnabled.main+xml'),
      '[Content_Types].xml',
    ),
    'word/vbaProject.bin',
    new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]),
  );

/** An entity declaration in document.xml (the start of a billion-laughs file). */
export const entityDocx = async () =>
  editPart(await docxWith(new Paragraph('Entities.')), (xml) =>
    xml.replace('?>', '?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'),
  );
