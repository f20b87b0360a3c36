/**
 * The officer console's intake over real HTTP (the local service): the queue's filters, order and
 * pages; who may see the console; a registration's forecast against what registering gives, with
 * no number consumed by looking; a repeated registration made once; a rejection's reason checked
 * next to its field; and every form refused from another site or without the session's CSRF token.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSubmission, putSubmission } from '../../functions/adapters/submission-store.ts';
import { parseSubmission, type SubmissionInput } from '../../functions/domain/submission.ts';
import type { SubmissionRecord } from '../../functions/domain/submission-record.ts';
import { INTAKE_PAGE } from '../../functions/web/console-intake.ts';
import { messages } from '../../functions/web/messages.ts';
import { client, nextNumbers } from '../support/client.ts';
import { startTestDistr, type TestDistr } from '../support/distr.ts';
import { fixture, sampleSubmission } from '../support/fixtures.ts';
import { table } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { csrfOf, formPost, signIn } from '../support/web-session.ts';

const t = messages('en');
let distr: TestDistr;
let officer: ReturnType<typeof client>;
let cookie: string;
let csrf: string;

/** A submission of the sample's text, circulated as given, received `daysAgo`, in `status`. */
async function seed(
  options: {
    circulation?: SubmissionInput['circulation'];
    daysAgo?: number;
    status?: SubmissionRecord['status'];
    title?: string;
  } = {},
): Promise<string> {
  const input = {
    ...sampleSubmission(),
    ...(options.circulation ? { circulation: options.circulation } : {}),
    ...(options.title ? { title: options.title } : {}),
  } as SubmissionInput;
  const parsed = parseSubmission(input, { now: new Date() });
  if (!parsed.ok) throw new Error(`bad test submission: ${JSON.stringify(parsed.problems)}`);
  const { annexes, ...rest } = parsed.value;
  const id = randomUUID();
  const at = new Date(Date.now() - (options.daysAgo ?? 0) * 86_400_000 - 60_000).toISOString();
  const ok = await putSubmission(table(distr), {
    id,
    status: options.status ?? 'received',
    state: parsed.value.from.state,
    createdAt: at,
    updatedAt: at,
    submission: { ...rest, ...(annexes ? { annexes } : {}) },
    timeline: [{ step: 'received', at, actor: { role: 'mission', tokenId: 'seed' } }],
    attachments: [],
  });
  if (!ok) throw new Error('submission exists');
  return id;
}

const get = (path: string, as = cookie) =>
  fetch(`${distr.url}${path}`, { headers: { cookie: as }, redirect: 'manual' });
const post = (path: string, fields: Record<string, string>, as = cookie, origin = distr.url) =>
  fetch(`${distr.url}${path}`, formPost(origin, fields, { cookie: as }));

/** The submissions a queue page lists, in its order. */
const listed = (html: string) =>
  [...html.matchAll(/href="\/en\/console\/submissions\/([^"/]+)"/g)].map((m) => m[1]);

/** The symbols and job number a page states (the forecast, or the registered submission). */
function numbersOn(html: string) {
  const symbols = new RegExp(`<dt>${t.portal.symbols}</dt>\\s*<dd><span dir="ltr">([^<]+)</span>`).exec(html);
  const job = new RegExp(`<dt>${t.portal.jobNumber}</dt>\\s*<dd><span dir="ltr">([^<]+)</span>`).exec(html);
  return { symbols: symbols?.[1], jobNumber: job?.[1] };
}

/** The counters a registration issued today draws from. */
const year = new Date().toISOString().slice(0, 4);
const SERIES = ['A/79', `S/${year}`, `job/${year.slice(2)}`];
const counters = async () => {
  const next = await nextNumbers(officer);
  return SERIES.map((series) => next[series] ?? 1);
};

beforeAll(async () => {
  distr = await startTestDistr();
  officer = client(distr, await tokenFor(distr, 'officer'));
  expect((await officer('PUT', '/v1/agendas/GA/79', fixture('agenda-GA-79.json'))).status).toBe(200);
  cookie = await signIn(distr.url, await tokenFor(distr, 'officer'));
  csrf = csrfOf(await (await get('/en/console')).text());
}, 60_000);
afterAll(() => distr?.dispose());

describe('the queue', () => {
  let oldGaSc: string;
  let scOnly: string;
  let ecosoc: string;
  let registered: string;
  let rejected: string;

  beforeAll(async () => {
    oldGaSc = await seed({ daysAgo: 10 });
    scOnly = await seed({ daysAgo: 2, circulation: [{ organ: 'SC' }] });
    ecosoc = await seed({
      daysAgo: 5,
      circulation: [{ organ: 'GA', session: 80, agendaItems: ['12'] }, { organ: 'ECOSOC' }],
    });
    registered = await seed({ daysAgo: 7, status: 'registered' });
    rejected = await seed({ daysAgo: 1, status: 'rejected' });
  });

  it('lists the received submissions oldest first, each linked to its console page', async () => {
    const res = await get('/en/console');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(listed(await res.text())).toEqual([oldGaSc, ecosoc, scOnly]);
  });

  it.each([
    ['status=registered', () => [registered]],
    ['status=rejected', () => [rejected]],
    ['status=any', () => [oldGaSc, registered, ecosoc, scOnly, rejected]],
    ['organ=SC', () => [oldGaSc, scOnly]],
    ['organ=ECOSOC', () => [ecosoc]],
    ['session=79', () => [oldGaSc]],
    ['session=80&organ=GA', () => [ecosoc]],
    ['olderThan=3', () => [oldGaSc, ecosoc]],
    ['status=any&olderThan=6', () => [oldGaSc, registered]],
    ['status=any&organ=SC&olderThan=1', () => [oldGaSc, registered, scOnly, rejected]],
    // Empty fields, as a browser sends them, filter nothing.
    ['status=&organ=&session=&olderThan=', () => [oldGaSc, ecosoc, scOnly]],
  ])('filters by %s', async (query, expected) => {
    const res = await get(`/en/console?${query}`);
    expect(res.status).toBe(200);
    expect(listed(await res.text())).toEqual(expected());
  });

  it.each([
    ['status=lost', ['status']],
    ['organ=UNGA', ['organ']],
    ['session=abc&olderThan=0', ['session', 'olderThan']],
    ['session=151&olderThan=99999', ['session', 'olderThan']],
  ])('answers %s with a 400 naming the field, the form kept', async (query, fields) => {
    const res = await get(`/en/console?${query}`);
    expect(res.status).toBe(400);
    const html = await res.text();
    const invalid = [...html.matchAll(/id="f-(\w+)"[^>]*aria-invalid="true"/g)].map((m) => m[1]);
    expect(invalid).toEqual(fields);
    expect(html).toContain(`<h2>${t.intake.invalidHeading}</h2>`);
    for (const [name, value] of new URLSearchParams(query)) {
      if (name === 'session' || name === 'olderThan') expect(html).toContain(`value="${value}"`);
    }
    expect(listed(html)).toEqual([]);
  });

  it('refuses a page link that is not one of this list with a 400', async () => {
    const res = await get('/en/console?cursor=bm90LWEtY3Vyc29y');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(t.intake.invalidCursor);
  });

  it('pages through a filter, keeping it in the next and first links', async () => {
    const ids: string[] = [];
    for (let n = 0; n <= INTAKE_PAGE + 1; n++) {
      ids.push(await seed({ daysAgo: 30 - n, status: 'distributed', circulation: [{ organ: 'SC' }] }));
    }
    const first = await (await get('/en/console?status=distributed&organ=SC')).text();
    expect(listed(first)).toEqual(ids.slice(0, INTAKE_PAGE));
    const next = /href="(\/en\/console\?[^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    if (!next) throw new Error('no next page link');
    const params = new URL(next, distr.url).searchParams;
    expect([params.get('status'), params.get('organ')]).toEqual(['distributed', 'SC']);
    const second = await (await get(next)).text();
    expect(listed(second)).toEqual(ids.slice(INTAKE_PAGE));
    const back = /href="(\/en\/console\?[^"]+)">First page</.exec(second)?.[1]?.replaceAll('&amp;', '&');
    expect(back).toBe('/en/console?status=distributed&organ=SC');
  }, 60_000);
});

describe('who may see the console', () => {
  let id: string;
  beforeAll(async () => {
    id = await seed();
  });
  const pages = () => [
    '/en/console',
    '/en/console?status=any',
    `/en/console/submissions/${id}`,
    `/en/console/submissions/${id}/register`,
  ];

  it.each(['mission', 'subscriber'] as const)(
    'gives a %s the 403 page on every console page and form',
    async (role) => {
      const other = await signIn(distr.url, await tokenFor(distr, role));
      // The 403 page is a page of their session: its sign-out form carries their CSRF token.
      const theirs = csrfOf(await (await get('/en/console', other)).text());
      for (const path of pages()) {
        const res = await get(path, other);
        expect(res.status, path).toBe(403);
        expect(await res.text()).toContain(t.forbidden.title);
      }
      for (const action of ['register', 'reject']) {
        const res = await post(
          `/en/console/submissions/${id}/${action}`,
          { csrf: theirs, reason: 'No' },
          other,
        );
        expect(res.status, action).toBe(403);
      }
      expect((await getSubmission(table(distr), id))?.status).toBe('received');
    },
  );

  it('sends a signed-out visitor to sign in, and back afterwards', async () => {
    for (const path of pages()) {
      const res = await get(path, '');
      expect(res.status, path).toBe(303);
      const location = new URL(res.headers.get('location') ?? '', distr.url);
      expect(location.pathname).toBe('/en/sign-in');
      expect(location.searchParams.get('return')).toBe(path);
    }
    const res = await post(`/en/console/submissions/${id}/register`, {}, '');
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location') ?? '', distr.url).pathname).toBe('/en/sign-in');
  });

  it('answers a submission that is not there with the 404 page', async () => {
    for (const path of [
      `/en/console/submissions/${randomUUID()}`,
      `/en/console/submissions/${randomUUID()}/register`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain(t.notFound.title);
    }
  });
});

describe('registering', () => {
  it('shows a forecast that consumes nothing, and registering gives exactly it', async () => {
    const id = await seed();
    const before = await counters();
    const shown = [];
    for (let n = 0; n < 2; n++) {
      const res = await get(`/en/console/submissions/${id}/register`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(t.intake.forecast);
      shown.push(numbersOn(html));
    }
    expect(shown[1]).toEqual(shown[0]);
    expect(shown[0]?.symbols).toBe(`A/79/${before[0]} S/${year}/${before[1]}`);
    expect(await counters()).toEqual(before);

    const res = await post(`/en/console/submissions/${id}/register`, { csrf });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/en/console/submissions/${id}`);
    const page = await (await get(`/en/console/submissions/${id}`)).text();
    expect(numbersOn(page)).toEqual(shown[0]);
    expect(await counters()).toEqual(before.map((n) => n + 1));
    // The document's console page, each segment of the joint symbol encoded.
    expect(page).toContain(`href="/en/console/documents/A/79/${before[0]}-S/${year}/${before[1]}"`);
    expect(page).not.toContain(`action="/en/console/submissions/${id}/reject"`);
    // Once registered, the confirmation leads back to the submission.
    const again = await get(`/en/console/submissions/${id}/register`);
    expect(again.status).toBe(303);
  });

  it('registers once, however often the form is posted', async () => {
    const id = await seed();
    const before = await counters();
    const [a, b] = await Promise.all([
      post(`/en/console/submissions/${id}/register`, { csrf }),
      post(`/en/console/submissions/${id}/register`, { csrf }),
    ]);
    const c = await post(`/en/console/submissions/${id}/register`, { csrf });
    expect([a.status, b.status, c.status]).toEqual([303, 303, 303]);
    expect(await counters()).toEqual(before.map((n) => n + 1));
    const record = await getSubmission(table(distr), id);
    expect(record?.status).toBe('registered');
    expect(record?.timeline.filter((s) => s.step === 'registered')).toHaveLength(1);
  });

  it('says why a submission naming an item off the agenda cannot be registered (422), drawing nothing', async () => {
    const id = await seed({
      circulation: [{ organ: 'GA', session: 79, agendaItems: ['998'] }, { organ: 'SC' }],
    });
    const before = await counters();
    const wanted = t.intake.problemAgenda.replace('{item}', '998').replace('{session}', '79');
    const view = await get(`/en/console/submissions/${id}/register`);
    expect(view.status).toBe(422);
    expect(await view.text()).toContain(wanted);
    const res = await post(`/en/console/submissions/${id}/register`, { csrf });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(wanted);
    expect(await counters()).toEqual(before);
    expect((await getSubmission(table(distr), id))?.status).toBe('received');
  });

  it('refuses a form from another site, or without the CSRF token, with the 403 page', async () => {
    const id = await seed();
    const before = await counters();
    for (const [fields, origin] of [
      [{ csrf }, 'https://evil.example'],
      [{}, distr.url],
      [{ csrf: 'not-the-token' }, distr.url],
    ] as const) {
      for (const action of ['register', 'reject']) {
        const res = await post(
          `/en/console/submissions/${id}/${action}`,
          { ...fields, reason: 'Why' },
          cookie,
          origin,
        );
        expect(res.status, `${action} ${origin} ${JSON.stringify(fields)}`).toBe(403);
      }
    }
    expect(await counters()).toEqual(before);
    expect((await getSubmission(table(distr), id))?.status).toBe('received');
  });
});

describe('rejecting', () => {
  it('shows a missing or invalid reason next to its field (422), keeping what was typed', async () => {
    const id = await seed();
    for (const [typed, message] of [
      ['', t.intake.reasonMissing],
      ['   ', t.intake.reasonMissing],
      ['Sent twice\nand more', t.intake.reasonInvalid],
    ] as const) {
      const res = await post(`/en/console/submissions/${id}/reject`, { csrf, reason: typed });
      expect(res.status, JSON.stringify(typed)).toBe(422);
      const html = await res.text();
      expect(html).toContain(`<span class="error" id="f-reason-error">${message}</span>`);
      expect(html).toMatch(/<textarea[^>]*id="f-reason"[^>]*aria-invalid="true"/);
      expect(html).toContain(`>${typed}</textarea>`);
      expect(html).toContain(`<h2>${t.intake.errorHeading}</h2>`);
    }
    expect((await getSubmission(table(distr), id))?.status).toBe('received');
  });

  it('rejects with the reason, once, and no longer lets it be registered', async () => {
    const id = await seed();
    for (let n = 0; n < 2; n++) {
      const res = await post(`/en/console/submissions/${id}/reject`, { csrf, reason: '  Sent twice  ' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/en/console/submissions/${id}`);
    }
    const record = await getSubmission(table(distr), id);
    expect(record?.status).toBe('rejected');
    expect(record?.timeline.map((s) => [s.step, s.reason])).toEqual([
      ['received', undefined],
      ['rejected', 'Sent twice'],
    ]);
    const page = await (await get(`/en/console/submissions/${id}`)).text();
    expect(page).toContain('Sent twice');
    expect(page).not.toContain(`href="/en/console/submissions/${id}/register"`);

    const before = await counters();
    const view = await get(`/en/console/submissions/${id}/register`);
    expect(view.status).toBe(409);
    expect(await view.text()).toContain(t.intake.rejected);
    const res = await post(`/en/console/submissions/${id}/register`, { csrf });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(t.intake.rejected);
    // Another reason for a rejected submission: refused, the first one kept.
    const other = await post(`/en/console/submissions/${id}/reject`, { csrf, reason: 'Another' });
    expect(other.status).toBe(409);
    expect(await counters()).toEqual(before);
  });
});
