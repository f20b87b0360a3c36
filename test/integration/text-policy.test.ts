/**
 * The text policy over real HTTP: a hostile character in any text field of any intake (a
 * submission, a rejection, a language version, an agenda, a subscription) is a 422 naming that
 * field and the character; and a document whose stored text holds such characters (written past
 * the intake, as text stored before the policy would be) still gives a well-formed Atom feed and
 * JSON that parses, for every reader.
 */
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { untypesettable } from '../../functions/domain/typesettable.ts';
import { type Answer, callsTo, documentPath } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { fixture, loadFixture } from '../support/fixtures.ts';
import { seedDocument, seedSubmission } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { until } from '../support/wait.ts';

const sample = fixture('sample-submission.json') as Record<string, unknown> & {
  from: Record<string, unknown>;
  annexes: Record<string, unknown>[];
};

/** A valid letter with one annex, so that every text field of a submission is there. */
const letter = (): Record<string, unknown> & {
  from: Record<string, unknown>;
  annexes: Record<string, unknown>[];
} => ({
  ...structuredClone(sample),
  annexes: [{ heading: 'Annex', title: 'Summary', body: 'The text of the annex.' }],
});

/** Sets the field at a JSON Pointer of `body` (every segment but the last exists). */
function setAt(body: unknown, field: string, value: (old: string) => string): void {
  const path = field.split('/').slice(1);
  const last = path.pop() ?? '';
  let at = body as Record<string, unknown>;
  for (const segment of path) at = at[segment] as Record<string, unknown>;
  at[last] = value(String(at[last] ?? ''));
}

/** Refused everywhere (bodies included): a C0 and a C1 control, an override, the BOM, a tag, a surrogate. */
const REFUSED_EVERYWHERE = [
  '\u0007',
  '\u001B',
  '\u0085',
  '\u202E',
  '\uFEFF',
  '\u{E0041}',
  '\uFFFE',
  '\uD800',
];
/** Refused in titles, names and headings only. */
const REFUSED_IN_LINES = ['\n', '\t', '\u2067', '\u200F', '\u200D', '\u200B'];

const hex = (char: string) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

const distr = useTestDistr();
let mission: string;
let officer: string;
let subscriber: string;

const call = callsTo(distr);

/** A 422 problem naming `field`, with a reason naming `char` and where it is. */
function expectRefused(answer: Answer, field: string, char: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(422);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  const params = (answer.body['invalid-params'] ?? []) as { name: string; reason: string }[];
  const problem = params.find((p) => p.name === field);
  expect(problem, JSON.stringify(params)).toBeDefined();
  expect(problem?.reason).toMatch(
    new RegExp(`^contains ${hex(char).replace('+', '\\+')}\\b.* at position \\d+: `),
  );
}

beforeAll(async () => {
  [mission, officer, subscriber] = await Promise.all([
    tokenFor(distr, 'mission', 'DEU'),
    tokenFor(distr, 'officer'),
    tokenFor(distr, 'subscriber'),
  ]);
});

describe('POST /v1/submissions', () => {
  const LINE_FIELDS = [
    '/title',
    '/from/signatory',
    '/from/title/0',
    '/annexes/0/heading',
    '/annexes/0/title',
  ];
  const BODY_FIELDS = ['/body', '/annexes/0/body'];
  const cases = [
    ...LINE_FIELDS.flatMap((field) =>
      [...REFUSED_EVERYWHERE, ...REFUSED_IN_LINES].map((c) => [field, c] as const),
    ),
    ...BODY_FIELDS.flatMap((field) => REFUSED_EVERYWHERE.map((c) => [field, c] as const)),
  ];

  it.each(cases)(
    'refuses %s holding %j with a 422 naming the field and the character',
    async (field, char) => {
      const body = letter();
      setAt(body, field, (old) => `${old.slice(0, 10)}${char}${old.slice(10)}`);
      expectRefused(await call('POST', '/v1/submissions', { token: mission, body }), field, char);
    },
  );

  it('takes a body with the invisible characters the typesetter needs, and line ends', async () => {
    const body = letter();
    // An Arabic word with ZWNJ, a name in an isolate with a mark after it, CRLF line ends, a tab.
    body.body = `${String(body.body)}\r\n\r\nتحدث \u2068Antje Leendertse\u2069.\u200f\r\nنمی\u200cخواهم\tA\u200bB`;
    const answer = await call('POST', '/v1/submissions', { token: mission, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  });
});

describe('the other intakes', () => {
  it('refuses a rejection reason holding a control or a bidi control', async () => {
    const id = await seedSubmission(distr);
    for (const char of ['\u0007', '\u202E', '\n']) {
      const answer = await call('POST', `/v1/submissions/${id}/reject`, {
        token: officer,
        body: { reason: `Not for us${char}.` },
      });
      expectRefused(answer, '/reason', char);
    }
  });

  it('refuses a language version holding one in any text field', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/961', 'S/2025/461'], jobNumber: '25-09961' });
    const version = structuredClone(loadFixture().versions.fr);
    if (!version?.signature) throw new Error('the fixture has a signed French version');
    const fields: [string, string][] = [
      ['/title', '\u202E'],
      ['/body', '\u0007'],
      ['/signature/name', '\u200D'],
      ['/signature/title/0', '\uFEFF'],
      ['/annexes/0/heading', '\u2066'],
      ['/annexes/0/body', '\u001B'],
    ];
    for (const [field, char] of fields) {
      const body = structuredClone(version);
      setAt(body, field, (old) => `${char}${old}`);
      expectRefused(
        await call('PUT', `${documentPath(doc.symbol)}/versions/fr`, { token: officer, body }),
        field,
        char,
      );
    }
  });

  it('refuses an agenda item title holding one', async () => {
    const agenda = fixture('agenda-GA-79.json') as { items: { title: Record<string, string> }[] };
    const [first] = agenda.items;
    if (!first) throw new Error('the agenda has items');
    first.title.ar = `${first.title.ar}\u200F`;
    expectRefused(
      await call('PUT', '/v1/agendas/GA/79', { token: officer, body: agenda }),
      '/items/0/title/ar',
      '\u200F',
    );
  });

  it('refuses a subscription whose URL or symbol prefix holds one', async () => {
    expectRefused(
      await call('POST', '/v1/subscriptions', {
        token: subscriber,
        body: { url: 'https://hooks.example.org/\u202Egnp.exe', filters: {} },
      }),
      '/url',
      '\u202E',
    );
    expectRefused(
      await call('POST', '/v1/subscriptions', {
        token: subscriber,
        body: { url: 'https://hooks.example.org/distr', filters: { symbolPrefix: 'A/79\u0007' } },
      }),
      '/filters/symbolPrefix',
      '\u0007',
    );
  });
});

describe('a document whose stored text holds hostile characters', () => {
  // Every class the policy refuses that a font can set (or sets without a glyph), so that the
  // document renders and reaches the feed: the characters no font has never get that far.
  const HOSTILE = Array.from(
    [
      ...Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)),
      '\u007F\u0085\u009F',
      '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C',
      '\u200B\u200C\u200D\u2060\u2064\uFEFF\u00AD\u2028\u2029\u{E0001}\u{E0041}',
      ']]><&>"\'',
    ].join('|'),
  )
    .filter((c) => untypesettable(c).length === 0)
    .join('');

  it('still gives a well-formed Atom feed and JSON that parses, for everyone', async () => {
    expect(untypesettable(HOSTILE)).toEqual([]);
    const doc = await seedDocument(distr, {
      symbols: ['A/79/960', 'S/2025/460'],
      jobNumber: '25-09960',
      edit: (d) => {
        const en = d.versions.en;
        if (!en) throw new Error('the seeded document has an English version');
        en.title = `Letter ${HOSTILE}`;
        en.body = `${HOSTILE}\n\n${en.body}`;
        if (en.signature) en.signature = { name: `Name ${HOSTILE}`, title: [`Title ${HOSTILE}`] };
        for (const entry of d.circulation) {
          if (entry.organ === 'GA') for (const item of entry.agendaItems) item.title.en = `Item ${HOSTILE}`;
        }
      },
    });
    const distribute = await call('POST', `${documentPath(doc.symbol)}/distribute`, {
      token: officer,
      body: { languages: ['en'], partial: true },
    });
    expect(distribute.status, JSON.stringify(distribute.body)).toBe(202);
    await until('the distribution', async () => (await call('GET', documentPath('A/79/960'))).status === 200);

    // The search index the feed reads follows the distribution.
    const xml = await until('the feed entry', async () => {
      const feed = await fetch(`${distr.url}/v1/feeds/documents.atom?organ=GA&session=79`);
      expect(feed.status).toBe(200);
      const text = await feed.text();
      return text.includes('<entry>') ? text : undefined;
    });
    expect(xml).toContain('A/79/960-S/2025/460: Letter ');
    const errors: string[] = [];
    const strict = new SaxesParser({ xmlns: true });
    strict.on('error', (error) => errors.push(error.message));
    strict.write(xml).close();
    expect(errors).toEqual([]);

    for (const path of [documentPath('A/79/960'), '/v1/documents?symbol=A/79/960']) {
      const res = await fetch(`${distr.url}${path}`);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(await res.arrayBuffer());
      expect(res.status, path).toBe(200);
      expect(JSON.stringify(JSON.parse(text)), path).toContain('Letter ');
    }
    const metadata = (await call('GET', documentPath('A/79/960'))).body as { title: { en: string } };
    expect(metadata.title.en).toBe(`Letter ${HOSTILE}`);
  }, 120_000);
});
