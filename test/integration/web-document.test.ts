/**
 * The officer console's document pages over real HTTP (the local service): the language grid, the
 * version form and its 422, the preview PDF, distribution with missing languages (asked first, then
 * progress until public), follow-ups made once per form, and who may use them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/domain/languages.ts';
import { startTestDistr, type TestDistr } from '../support/distr.ts';
import { loadFixture } from '../support/fixtures.ts';
import { pdfText } from '../support/pdf.ts';
import { seedDocument } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { until } from '../support/wait.ts';
import { csrfOf, formPost, signIn } from '../support/web-session.ts';

let distr: TestDistr;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  distr = await startTestDistr();
  cookie = await signIn(distr.url, await tokenFor(distr, 'officer'));
  csrf = csrfOf(await (await fetch(`${distr.url}/en/console`, { headers: { cookie } })).text());
});
afterAll(() => distr?.dispose());

const get = (path: string, as = cookie) =>
  fetch(`${distr.url}${path}`, { headers: { cookie: as }, redirect: 'manual' });
const post = (path: string, fields: Record<string, string | string[]>, as = cookie, origin?: string) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return fetch(`${distr.url}${path}`, {
    ...formPost(origin ?? distr.url, {}, { cookie: as }),
    body: body.toString(),
  });
};
/** The grid row of one language, as text. */
const row = (html: string, lang: string) =>
  new RegExp(`<tr class="(in|missing)">\\s*<th scope="row"><span lang="${lang}"[\\s\\S]*?</tr>`).exec(
    html,
  )?.[0] ?? '';

describe('the document page', () => {
  it('shows each language version in or missing, with links to edit and preview', async () => {
    const doc = await seedDocument(distr, {
      symbols: ['A/79/701'],
      jobNumber: '25-07001',
      versions: ['en', 'fr'],
    });
    const res = await get(`/en/console/documents/${doc.symbol}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('25-07001');
    expect(html).toContain(doc.versions.en?.title);
    for (const lang of LANGUAGES) {
      const tr = row(html, lang);
      const present = lang === 'en' || lang === 'fr';
      expect(tr, lang).toContain(present ? 'class="in"' : 'class="missing"');
      expect(tr).toContain(`href="/en/console/documents/A/79/701/versions/${lang}"`);
      expect(tr.includes(`/preview/${lang}"`), lang).toBe(present);
    }
  });

  it('is for officers only: a mission or a subscriber gets 403, a signed-out visitor the sign-in page', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/702'], jobNumber: '25-07002' });
    for (const role of ['mission', 'subscriber'] as const) {
      const other = await signIn(distr.url, await tokenFor(distr, role));
      expect((await get(`/en/console/documents/${doc.symbol}`, other)).status, role).toBe(403);
      expect((await get(`/en/console/documents/${doc.symbol}/preview/en`, other)).status, role).toBe(403);
      // The 403 page still carries the session's sign-out form, and so its CSRF token.
      const otherCsrf = csrfOf(await (await get('/en/console', other)).text());
      const res = await post(`/en/console/documents/${doc.symbol}/distribute`, { csrf: otherCsrf }, other);
      expect(res.status, role).toBe(403);
    }
    const out = await fetch(`${distr.url}/en/console/documents/${doc.symbol}`, { redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toMatch(/^\/en\/sign-in\?return=/);
  });

  it('refuses a form from another site or without the CSRF token (403), and does nothing', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/703'], jobNumber: '25-07003' });
    const version = { title: 'Lettre', body: 'Texte.' };
    const path = `/en/console/documents/${doc.symbol}/versions/fr`;
    expect((await post(path, { ...version, csrf }, cookie, 'https://evil.example')).status).toBe(403);
    expect((await post(path, version)).status).toBe(403);
    expect((await post(path, { ...version, csrf: 'x'.repeat(43) })).status).toBe(403);
    const html = await (await get(`/en/console/documents/${doc.symbol}`)).text();
    expect(row(html, 'fr')).toContain('class="missing"');
  });
});

describe('a language version', () => {
  it('is saved from the form (303 to the document), and shown again prefilled', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/704'], jobNumber: '25-07004' });
    const path = `/en/console/documents/${doc.symbol}/versions/fr`;
    const form = await (await get(path)).text();
    expect(form).toContain('name="body"');
    const res = await post(path, {
      csrf,
      title: 'Lettre datée du 2 juin 2025',
      body: 'Premier paragraphe.\r\n\r\nSecond paragraphe.',
      signatureName: '**Dupont**',
      signatureTitle: 'Représentant permanent\r\n',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/en/console/documents/${doc.symbol}`);
    const again = await (await get(path)).text();
    expect(again).toContain('value="Lettre datée du 2 juin 2025"');
    expect(again).toContain('Premier paragraphe.\n\nSecond paragraphe.</textarea>');
    expect(again).toContain('Représentant permanent</textarea>');
    expect(row(await (await get(`/en/console/documents/${doc.symbol}`)).text(), 'fr')).toContain(
      'class="in"',
    );
  });

  it('comes back with 422, each problem next to its field, and what was typed', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/705'], jobNumber: '25-07005' });
    const path = `/ar/console/documents/${doc.symbol}/versions/ru`;
    const res = await post(path, {
      csrf,
      title: '',
      body: 'Текст письма, набранный от руки.',
      signatureTitle: 'Посол',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    const t = (await import('../../templates/web/messages/ar.json', { with: { type: 'json' } })).default
      .consoleDocument;
    expect(html).toMatch(new RegExp(`<span class="error" id="f-title-error">${t.required}</span>`));
    expect(html).toMatch(new RegExp(`<span class="error" id="f-signatureName-error">${t.required}</span>`));
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('Текст письма, набранный от руки.</textarea>');
    expect(html).toContain('Посол</textarea>');
    expect(row(await (await get(`/en/console/documents/${doc.symbol}`)).text(), 'ru')).toContain(
      'class="missing"',
    );
  });
});

describe('the preview', () => {
  it('is the PDF of that language, rendered now, inline and not kept', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/706'], jobNumber: '25-07006', versions: ['en'] });
    const res = await get(`/en/console/documents/${doc.symbol}/preview/en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename=".+\.en\.pdf"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const title = loadFixture().versions.en?.title ?? '';
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(title.split(/\s+/).slice(0, 4).join(' '));
    expect(text).toContain('A/79/706');
    // A language without a version has nothing to preview.
    expect((await get(`/en/console/documents/${doc.symbol}/preview/fr`)).status).toBe(404);
  }, 60_000);
});

describe('distribution', () => {
  it('with languages missing, asks first, then distributes the others and follows them to public', async () => {
    const doc = await seedDocument(distr, {
      symbols: ['A/79/707'],
      jobNumber: '25-07007',
      versions: ['en', 'fr'],
    });
    const base = `/en/console/documents/${doc.symbol}`;
    const asked = await post(`${base}/distribute`, { csrf });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    const t = (await import('../../templates/web/messages/en.json', { with: { type: 'json' } })).default
      .consoleDocument;
    for (const name of ['Arabic', 'Chinese', 'Russian', 'Spanish']) expect(question).toContain(name);
    expect(question).toContain(t.confirmSubmit);
    // Nothing was asked for yet.
    expect(await (await get(`${base}/progress`)).text()).toContain(t.notRequested);

    const confirmed = await post(`${base}/distribute`, { csrf, partial: 'true', languages: ['en', 'fr'] });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${base}/progress`);
    const first = await (await get(`${base}/progress`)).text();
    expect(first).toContain('<meta http-equiv="refresh" content="2" />');
    const done = await until(
      'the document public',
      async () => {
        const html = await (await get(`${base}/progress`)).text();
        return html.includes(t.isPublic) ? html : undefined;
      },
      60_000,
    );
    expect(done).not.toContain('http-equiv="refresh"');
    expect(done).toContain(`href="/en/documents/${doc.symbol}"`);
    expect((await fetch(`${distr.url}/en/documents/${doc.symbol}`)).status).toBe(200);
    // The grid now shows them distributed, with their PDFs' size and pages.
    const html = await (await get(base)).text();
    expect(row(html, 'en')).toMatch(/<td>Yes<\/td>\s*<td>Yes<\/td>\s*<td>\d+ KB<\/td>\s*<td>\d+<\/td>/);
    expect(row(html, 'ar')).toMatch(/<td>No<\/td>\s*<td>No<\/td>/);
  }, 90_000);
});

describe('follow-ups', () => {
  it('makes one per form, however often it is posted, and goes to the new document', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/708'], jobNumber: '25-07008' });
    const base = `/en/console/documents/${doc.symbol}`;
    const html = await (await get(base)).text();
    const key = /name="key" value="([^"]+)"/.exec(html)?.[1];
    if (!key) throw new Error('no key in the follow-up form');
    const fields = { csrf, key, type: 'addendum', issued: '2025-06-10' };
    const [one, two] = await Promise.all([
      post(`${base}/followups`, fields),
      post(`${base}/followups`, fields),
    ]);
    const three = await post(`${base}/followups`, fields);
    for (const res of [one, two, three]) {
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/en/console/documents/A/79/708/Add.1');
    }
    // A second form (a fresh key) makes the next one.
    const next = /name="key" value="([^"]+)"/.exec(await (await get(base)).text())?.[1] ?? '';
    expect(next).not.toBe(key);
    const another = await post(`${base}/followups`, { ...fields, key: next });
    expect(another.headers.get('location')).toBe('/en/console/documents/A/79/708/Add.2');
    expect((await get('/en/console/documents/A/79/708/Add.1')).status).toBe(200);
    expect((await get('/en/console/documents/A/79/708/Add.3')).status).toBe(404);
  });

  it('comes back with 422 for a bad date, next to its field', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/709'], jobNumber: '25-07009' });
    const res = await post(`/en/console/documents/${doc.symbol}/followups`, {
      csrf,
      key: 'k-1',
      type: 'corrigendum',
      issued: '10 June',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-issued-error"');
    expect(html).toContain('value="10 June"');
    expect(html).toMatch(/<option value="corrigendum" selected="">/);
  });
});
