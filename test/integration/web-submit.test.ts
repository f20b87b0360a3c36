/**
 * The mission's new-submission form over real HTTP (the local service and its stand-ins): a post
 * makes one submission through the domain's submit() and 303s to it, the form key makes a repeat
 * the same submission, problems come back next to their fields in the UI language with what was
 * typed, a PDF annex file is uploaded through the presigned PUT and verifies as registration would
 * check it, a file that is not a PDF is refused, the preview is the typeset draft, and the form
 * is a mission's only, from this site only, with the session's CSRF token only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateCode } from '../../functions/domain/member-states.ts';
import { messages } from '../../functions/web/messages.ts';
import { client } from '../support/client.ts';
import { startTestDistr, type TestDistr } from '../support/distr.ts';
import { honestPdf } from '../support/hostile-pdfs.ts';
import { pdfText, squash } from '../support/pdf.ts';
import { tokenFor } from '../support/tokens.ts';
import { csrfOf, signIn } from '../support/web-session.ts';
import { agenda79, multipartPost, sampleFormFields } from '../support/web-submit.ts';

let distr: TestDistr;

beforeAll(async () => {
  distr = await startTestDistr();
  const officer = client(distr, await tokenFor(distr, 'officer'));
  expect((await officer('PUT', '/v1/agendas/GA/79', agenda79())).status).toBe(200);
}, 60_000);
afterAll(() => distr?.dispose());

interface Mission {
  cookie: string;
  csrf: string;
  api: ReturnType<typeof client>;
}

/** A mission of `state` signed in, with the CSRF token and form key of a freshly shown form. */
async function missionOf(
  state: StateCode,
  lang = 'en',
): Promise<Mission & { formKey: string; form: string }> {
  const token = await tokenFor(distr, 'mission', state);
  const cookie = await signIn(distr.url, token, lang);
  const res = await fetch(`${distr.url}/${lang}/portal/submissions/new?session=79`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const form = await res.text();
  const formKey = /name="formKey" value="([^"]+)"/.exec(form)?.[1] ?? '';
  return { cookie, csrf: csrfOf(form), api: client(distr, token), formKey, form };
}

const post = (
  m: Mission,
  fields: [string, string | Blob, string?][],
  lang = 'en',
  path = 'portal/submissions',
) => fetch(`${distr.url}/${lang}/${path}`, multipartPost(distr.url, m.cookie, [['csrf', m.csrf], ...fields]));

const countOf = async (m: Mission) => (await m.api('GET', '/v1/submissions')).body.items.length as number;

describe('the new-submission form', () => {
  it('lists the addressees in editorial order and the session’s agenda items with their titles', async () => {
    const m = await missionOf('FRA', 'fr');
    const order = ['secretary-general', 'president-general-assembly', 'president-security-council'].map((a) =>
      m.form.indexOf(`value="${a}"`),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
    expect(m.form).toContain('name="agendaItem" value="51"');
    expect(m.form).toContain(messages('fr').submit.agendaItems);
    expect(m.form).toMatch(/<script src="\/scripts\/submit\.[0-9a-f]{12}\.js" defer><\/script>/);
    const script = /src="(\/scripts\/[^"]+)"/.exec(m.form)?.[1] ?? '';
    const js = await fetch(`${distr.url}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('makes one submission and 303s to it; the same form key again is the same submission', async () => {
    const m = await missionOf('ITA');
    const fields: [string, string][] = [['formKey', m.formKey], ...sampleFormFields()];
    const first = await post(m, fields);
    expect(first.status, await first.clone().text()).toBe(303);
    const location = first.headers.get('location') ?? '';
    expect(location).toMatch(/^\/en\/portal\/submissions\/[0-9a-f]+$/);
    const again = await post(m, fields);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(location);
    expect(await countOf(m)).toBe(1);
    const id = location.split('/').pop();
    const stored = (await m.api('GET', `/v1/submissions/${id}`)).body;
    expect(stored.state).toBe('ITA');
    expect(stored.submission.from.state).toBe('ITA');
    expect(stored.submission.circulation).toEqual([
      { organ: 'GA', session: 79, agendaItems: ['51'] },
      { organ: 'SC' },
    ]);
    // Line breaks as the API takes them, not as the browser sent them.
    expect(stored.submission.body).not.toContain('\r');
    const page = await fetch(`${distr.url}${location}`, { headers: { cookie: m.cookie } });
    expect(await page.text()).toContain(messages('en').status.received);
  });

  it('answers a key reused with other contents with the form again, under a new key', async () => {
    const m = await missionOf('ESP');
    expect((await post(m, [['formKey', m.formKey], ...sampleFormFields()])).status).toBe(303);
    const changed = sampleFormFields().map(([k, v]): [string, string] => [
      k,
      k === 'title' ? `${v} (bis)` : v,
    ]);
    const res = await post(m, [['formKey', m.formKey], ...changed]);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(messages('en').submit.alreadySent);
    expect(html).not.toContain(`value="${m.formKey}"`);
    expect(await countOf(m)).toBe(1);
  });

  it.each(['en', 'fr'] as const)(
    'shows each problem next to its field in %s, with what was typed (422)',
    async (lang) => {
      const m = await missionOf(lang === 'en' ? 'PRT' : 'BEL', lang);
      const t = messages(lang).submit.problems;
      const fields = sampleFormFields()
        .filter(([k]) => k !== 'addressee' && k !== 'signatory')
        .map(([k, v]): [string, string] => [
          k,
          k === 'date' ? '2999-01-01' : k === 'body' ? 'Typed text, kept.' : v,
        ]);
      const res = await post(m, [['formKey', m.formKey], ...fields, ['signatory', '   ']], lang);
      expect(res.status).toBe(422);
      const html = await res.text();
      const errorOf = (id: string) =>
        new RegExp(`<span class="error" id="${id}-error">([^<]*)</span>`).exec(html)?.[1];
      expect(errorOf('f-addressee')).toBe(t.addressee);
      expect(errorOf('f-date')).toBe(t.dateFuture);
      expect(errorOf('f-signatory')).toBe(t.required);
      expect(html).toContain('aria-describedby="f-date-hint f-date-error"');
      expect(html).toContain('>Typed text, kept.</textarea>');
      expect(html).toContain('value="2999-01-01"');
      expect(html).toContain(`href="#f-addressee"`);
      expect(await countOf(m)).toBe(0);
    },
  );

  it('uploads a PDF annex through the presigned PUT: it verifies as registration checks it', async () => {
    const m = await missionOf('NLD');
    const pdf = new Blob([Buffer.from(await honestPdf(2))], { type: 'application/pdf' });
    const res = await post(m, [
      ['formKey', m.formKey],
      ...sampleFormFields(),
      ['annex-p1-heading', 'Annex II to the letter'],
      ['annex-p1-file', pdf, 'annex.pdf'],
    ]);
    expect(res.status, await res.clone().text()).toBe(303);
    const id = res.headers.get('location')?.split('/').pop();
    const stored = (await m.api('GET', `/v1/submissions/${id}`)).body;
    expect(stored.submission.annexes).toHaveLength(2);
    expect(stored.attachments).toEqual([
      expect.objectContaining({ id: 'pdf-1', annex: 1, source: 'upload', status: 'verified', pages: 2 }),
    ]);
  });

  it('refuses a file that is not a PDF, next to its field, and stores nothing', async () => {
    const m = await missionOf('AUT');
    const res = await post(m, [
      ['formKey', m.formKey],
      ...sampleFormFields(),
      ['annex-p1-heading', 'Annex II'],
      ['annex-p1-file', new Blob(['not a pdf at all'], { type: 'application/pdf' }), 'fake.pdf'],
    ]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(
      `<span class="error" id="f-annex-p1-file-error">${messages('en').submit.problems.file}</span>`,
    );
    expect(await countOf(m)).toBe(0);
  });

  it('previews the draft as a PDF of its title, and lists the problems of one it cannot make', async () => {
    const m = await missionOf('SWE');
    const res = await post(m, sampleFormFields(), 'en', 'portal/preview');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Framed by the form's own page only; every other answer is never framed.
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const form = await fetch(`${distr.url}/en/portal/submissions/new`, { headers: { cookie: m.cookie } });
    expect(form.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(form.headers.get('x-frame-options')).toBe('DENY');
    expect(squash(pdfText(new Uint8Array(await res.arrayBuffer())))).toContain(
      'Identical letters dated 30 May 2025',
    );
    const bad = await post(
      m,
      sampleFormFields().filter(([k]) => k !== 'title'),
      'en',
      'portal/preview',
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain(messages('en').submit.problems.required);
    expect(await countOf(m)).toBe(0);
  }, 60_000);
});

describe('who may submit', () => {
  it.each(['officer', 'subscriber'] as const)('refuses an %s the form and its post (403)', async (role) => {
    const cookie = await signIn(distr.url, await tokenFor(distr, role));
    const form = await fetch(`${distr.url}/en/portal/submissions/new`, { headers: { cookie } });
    expect(form.status).toBe(403);
    // Refused for the role before the form is read: no CSRF token of its own needed to see it.
    const res = await fetch(
      `${distr.url}/en/portal/submissions`,
      multipartPost(distr.url, cookie, [['csrf', 'x'], ...sampleFormFields()]),
    );
    expect(res.status).toBe(403);
  });

  it('refuses a post from another site, or without the session’s CSRF token (403), and stores nothing', async () => {
    const m = await missionOf('DNK');
    const fields: [string, string][] = [['formKey', randomUUID()], ...sampleFormFields()];
    const cross = await fetch(
      `${distr.url}/en/portal/submissions`,
      multipartPost('https://evil.example', m.cookie, [['csrf', m.csrf], ...fields]),
    );
    expect(cross.status).toBe(403);
    const noCsrf = await fetch(
      `${distr.url}/en/portal/submissions`,
      multipartPost(distr.url, m.cookie, fields),
    );
    expect(noCsrf.status).toBe(403);
    const preview = await fetch(`${distr.url}/en/portal/preview`, multipartPost(distr.url, m.cookie, fields));
    expect(preview.status).toBe(403);
    expect(await countOf(m)).toBe(0);
  });
});
