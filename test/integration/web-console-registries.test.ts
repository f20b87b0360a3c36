/**
 * The console's registry pages over real HTTP (the local service): tokens created in the console
 * sign in and are shown once, revoking one ends its session, agendas load (and a bad one comes back
 * with what was typed), series move only forward, and every subscription with a parked delivery's
 * error is visible; other roles get the 403 page, and forms from elsewhere or without the CSRF token
 * are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markFailed, recordDelivery } from '../../functions/adapters/delivery-store.ts';
import { getToken, listTokens } from '../../functions/adapters/token-store.ts';
import { client } from '../support/client.ts';
import { startTestDistr, type TestDistr } from '../support/distr.ts';
import { fixture } from '../support/fixtures.ts';
import { table } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { csrfOf, formPost, signIn } from '../support/web-session.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';

let distr: TestDistr;
let receiver: Receiver;
let officer: string;
let officerToken: string;

beforeAll(async () => {
  distr = await startTestDistr();
  receiver = await startReceiver();
  officerToken = await tokenFor(distr, 'officer');
  officer = await signIn(distr.url, officerToken);
});
afterAll(async () => {
  await receiver?.close();
  await distr?.dispose();
});

const get = (path: string, cookie = officer) =>
  fetch(`${distr.url}${path}`, { headers: { cookie }, redirect: 'manual' });

/** A console page's HTML and its forms' CSRF token. */
async function pageOf(path: string, cookie = officer) {
  const res = await get(path, cookie);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const text = await res.text();
  return { text, csrf: csrfOf(text) };
}

const post = (path: string, fields: Record<string, string>, cookie = officer) =>
  fetch(`${distr.url}${path}`, formPost(distr.url, fields, { cookie }));

const formKeyOf = (html: string) => /name="key" value="([0-9a-f]{32})"/.exec(html)?.[1] ?? '';
const shownToken = (html: string) => /distr_[0-9a-f]{16}_[0-9a-f]{64}/.exec(html)?.[0];

describe('the console navigation', () => {
  it('links every console page and marks the current one, the intake queue included', async () => {
    for (const [path, current] of [
      ['/en/console', 'Intake queue'],
      ['/en/console/tokens', 'Tokens'],
      ['/en/console/agendas', 'Agendas'],
      ['/en/console/series', 'Numbering series'],
      ['/en/console/subscriptions', 'Subscriptions'],
    ] as const) {
      const { text } = await pageOf(path);
      const nav = /<nav class="console" aria-label="Officer console">([\s\S]*?)<\/nav>/.exec(text)?.[1] ?? '';
      expect(nav.match(/<a /g), path).toHaveLength(5);
      expect(nav, path).toMatch(new RegExp(`<a href="${path}" aria-current="page">${current}</a>`));
      expect(nav.match(/aria-current/g), path).toHaveLength(1);
    }
  });
});

describe('tokens', () => {
  it("creates a mission token shown once, which signs in as that State's mission", async () => {
    const { text, csrf } = await pageOf('/en/console/tokens');
    const key = formKeyOf(text);
    expect(key).not.toBe('');
    const form = { csrf, key, role: 'mission', state: 'fra' };
    const created = await post('/en/console/tokens', form);
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const html = await created.text();
    const token = shownToken(html);
    if (!token) throw new Error('no token on the page');
    expect(html).toContain('France');
    expect(html).toContain('shown only this once');

    // Signed in with it: the mission portal of France.
    const mission = await signIn(distr.url, token);
    const portal = await get('/en/portal', mission);
    expect(portal.status).toBe(200);
    expect(await portal.text()).toContain('Permanent Mission of FRA');

    // The same form again (a reload): nothing created, the token not shown.
    const before = (await listTokens(table(distr))).length;
    const again = await post('/en/console/tokens', form);
    expect(again.status).toBe(200);
    const againHtml = await again.text();
    expect(shownToken(againHtml)).toBeUndefined();
    expect(againHtml).toContain('already created its token');
    expect((await listTokens(table(distr))).length).toBe(before);

    // Listed, with its State; the token itself appears nowhere but on the page that created it.
    const list = await pageOf('/en/console/tokens');
    const id = token.split('_')[1] as string;
    expect(list.text).toContain(id);
    expect(shownToken(list.text)).toBeUndefined();
  });

  it('creates a subscriber token, and refuses an officer, a mission without a State or a subscriber with one (422, kept)', async () => {
    const { text, csrf } = await pageOf('/en/console/tokens');
    const key = formKeyOf(text);
    for (const [fields, field, message] of [
      [{ role: 'officer' }, 'role', 'Choose permanent mission or subscriber.'],
      [{ role: 'mission', state: '' }, 'state', 'Choose the State the mission speaks for.'],
      [{ role: 'subscriber', state: 'DEU' }, 'state', 'A subscriber token speaks for no State'],
    ] as const) {
      const res = await post('/en/console/tokens', { csrf, key, ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(422);
      const html = await res.text();
      expect(html).toMatch(new RegExp(`id="f-${field}-error">${message}`));
      expect(html).toContain(`name="key" value="${key}"`);
      if ('state' in fields && fields.state) expect(html).toContain(`<option value="DEU" selected`);
    }
    const created = await post('/en/console/tokens', { csrf, key, role: 'subscriber', state: '' });
    expect(created.status).toBe(200);
    const token = shownToken(await created.text());
    if (!token) throw new Error('no token on the page');
    const record = await getToken(table(distr), token.split('_')[1] as string);
    expect(record).toMatchObject({ role: 'subscriber' });
    expect(record?.state).toBeUndefined();
  });

  it("revokes a token, whose session then ends at once; not the officer's own", async () => {
    const token = await tokenFor(distr, 'mission', 'BRA');
    const mission = await signIn(distr.url, token);
    expect((await get('/en/portal', mission)).status).toBe(200);
    const id = token.split('_')[1] as string;
    const { text, csrf } = await pageOf('/en/console/tokens');
    expect(text).toContain(`action="/en/console/tokens/${id}/revoke"`);

    const revoked = await post(`/en/console/tokens/${id}/revoke`, { csrf });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/en/console/tokens');
    expect((await getToken(table(distr), id))?.revokedAt).toBeDefined();
    // The revoked token's session: signed out at its next request.
    const after = await get('/en/portal', mission);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/en\/sign-in\?/);
    expect((await pageOf('/en/console/tokens')).text).toMatch(/Revoked on/);

    const own = officerToken.split('_')[1] as string;
    expect(text).not.toContain(`action="/en/console/tokens/${own}/revoke"`);
    const refused = await post(`/en/console/tokens/${own}/revoke`, { csrf });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('You cannot revoke the token you are signed in with.');
    expect((await getToken(table(distr), own))?.revokedAt).toBeUndefined();
    expect((await get('/en/console/tokens')).status).toBe(200);

    expect((await post('/en/console/tokens/0123456789abcdef/revoke', { csrf })).status).toBe(404);
  });
});

describe('agendas', () => {
  const agenda = fixture<{ items: { item: string; title: Record<string, string> }[] }>('agenda-GA-79.json');

  /** A multipart post, as the browser sends the form with a file. */
  const upload = (fields: Record<string, string>, file?: string, cookie = officer) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([file ?? ''], { type: 'application/json' }), file ? 'agenda.json' : '');
    return fetch(`${distr.url}/en/console/agendas`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: distr.url, cookie },
      body,
    });
  };

  it("loads an agenda file and shows the session's items in the six languages", async () => {
    const { csrf } = await pageOf('/en/console/agendas');
    const res = await upload({ csrf, session: '79', text: '' }, JSON.stringify(agenda));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/console/agendas?session=79');
    const { text } = await pageOf('/en/console/agendas?session=79');
    expect(text).toContain('Seventy-ninth session');
    const first = agenda.items[0];
    if (!first) throw new Error('empty fixture');
    expect(text).toContain(`<th scope="row" dir="ltr">${first.item}</th>`);
    for (const lang of ['ar', 'zh', 'ru', 'fr', 'es', 'en']) {
      expect(text).toContain(`<td lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
    }
    const stored = await client(distr, await tokenFor(distr, 'officer'))('GET', '/v1/agendas/GA/79');
    expect(stored.body.items).toEqual(agenda.items);
  });

  it('loads the pasted text too, and says when no agenda is loaded', async () => {
    const { csrf } = await pageOf('/en/console/agendas');
    const res = await upload({ csrf, session: '80', text: JSON.stringify(agenda) });
    expect(res.status).toBe(303);
    expect((await pageOf('/en/console/agendas?session=80')).text).toContain('Eightieth session');
    expect((await pageOf('/en/console/agendas?session=81')).text).toContain('No agenda is loaded');
    expect((await get('/en/console/agendas?session=abc')).status).toBe(400);
  });

  it('re-shows a bad agenda with the typed text and each problem next to its field (422)', async () => {
    const { csrf } = await pageOf('/en/console/agendas');
    const typed = '{"items": [{"item": "51", "title": {"en": "Only English"}}]}';
    const res = await upload({ csrf, session: '200', text: typed });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-session-error">Enter a session number from 1 to 150.');
    expect(html).toMatch(/id="f-text-error">Not in the agenda format at items › 0 › title/);
    expect(html).toContain('&quot;Only English&quot;');
    expect(html).toContain('value="200"');

    const notJson = await upload({ csrf, session: '79', text: '' }, '{not json');
    expect(notJson.status).toBe(422);
    expect(await notJson.text()).toContain('id="f-file-error">This is not valid JSON.');
    const empty = await upload({ csrf, session: '79', text: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('id="f-text-error">Choose a file or paste the agenda.');
  });
});

describe('numbering series', () => {
  it('confirms a move forward from which number to which, then moves it; backwards is refused (409)', async () => {
    const { csrf } = await pageOf('/en/console/series');
    // Starting a series (none drawn yet): the confirmation, then the move.
    const confirm = await get('/en/console/series/move?series=A%2F79&next=923');
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('A/79 will continue from 1 (A/79/1) to 923 (A/79/923).');
    const moved = await post('/en/console/series', { csrf, series: 'A/79', next: '923' });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe('/en/console/series');
    const { text } = await pageOf('/en/console/series');
    expect(text).toContain('<td dir="ltr">A/79/923</td>');

    const forward = await get('/en/console/series/move?series=A%2F79&next=930');
    expect(await forward.text()).toContain('from 923 (A/79/923) to 930 (A/79/930)');

    const back = await get('/en/console/series/move?series=A%2F79&next=900');
    expect(back.status).toBe(409);
    expect(await back.text()).toContain(
      'A/79 has already handed out numbers up to 922; it only moves forward.',
    );
    const backPost = await post('/en/console/series', { csrf, series: 'A/79', next: '900' });
    expect(backPost.status).toBe(409);
    const api = await client(distr, officerToken)('GET', '/v1/series');
    expect(api.body.series).toContainEqual({ series: 'A/79', next: 923 });

    const bad = await get('/en/console/series/move?series=B%2F1&next=0');
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="f-series-error">Enter a series');
    expect(html).toContain('id="f-next-error">Enter a whole number');
    expect(html).toContain('value="B/1"');
  });
});

describe('subscriptions', () => {
  it('lists every subscription with its filters, and a parked delivery with its error', async () => {
    const subscriber = client(distr, await tokenFor(distr, 'subscriber'));
    const created = await subscriber('POST', '/v1/subscriptions', {
      url: receiver.url,
      filters: { organs: ['GA'], sessions: [79] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const store = table(distr);
    const now = new Date();
    await recordDelivery(store, {
      subscriptionId: id,
      eventId: 'evt_parked',
      eventType: 'document.distributed',
      now,
    });
    await markFailed(
      store,
      { subscriptionId: id, eventId: 'evt_parked' },
      { now, status: 'parked', error: 'the endpoint answered 500: boom', statusCode: 500 },
    );

    const list = await pageOf('/en/console/subscriptions');
    expect(list.text).toContain(`href="/en/console/subscriptions/${id}"`);
    expect(list.text).toContain('Organs: GA; Sessions: 79');
    expect(list.text).toContain(receiver.url);

    const one = await pageOf(`/en/console/subscriptions/${id}`);
    expect(one.text).toMatch(
      /<tr class="delivery parked">[\s\S]*Parked \(no more attempts\)[\s\S]*the endpoint answered 500: boom/,
    );
    expect((await get('/en/console/subscriptions/sub_000000000000000000000000')).status).toBe(404);
    expect((await get('/en/console/subscriptions?cursor=bogus')).status).toBe(400);
  });
});

describe('who may', () => {
  const pages = [
    '/en/console/tokens',
    '/en/console/agendas',
    '/en/console/series',
    '/en/console/series/move?series=A%2F79&next=999',
    '/en/console/subscriptions',
  ];

  it('shows missions and subscribers the 403 page, and sends the signed-out to sign in', async () => {
    for (const role of ['mission', 'subscriber'] as const) {
      const cookie = await signIn(distr.url, await tokenFor(distr, role));
      for (const path of pages) expect((await get(path, cookie)).status, `${role} ${path}`).toBe(403);
      const csrf = csrfOf(await (await get('/en/console/tokens', cookie)).text());
      const refused = await post('/en/console/series', { csrf, series: 'A/79', next: '999' }, cookie);
      expect(refused.status).toBe(403);
    }
    for (const path of pages) {
      const res = await fetch(`${distr.url}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get('location') ?? '', distr.url).searchParams.get('return')).toBe(path);
    }
  });

  it('refuses a form from another site or without the CSRF token (403), and does nothing', async () => {
    const { text, csrf } = await pageOf('/en/console/tokens');
    const key = formKeyOf(text);
    const before = (await listTokens(table(distr))).length;
    const crossSite = await fetch(
      `${distr.url}/en/console/tokens`,
      formPost('https://evil.example', { csrf, key, role: 'subscriber' }, { cookie: officer }),
    );
    expect(crossSite.status).toBe(403);
    const noCsrf = await post('/en/console/tokens', { key, role: 'subscriber' });
    expect(noCsrf.status).toBe(403);
    expect((await listTokens(table(distr))).length).toBe(before);
    expect((await post('/en/console/series', { series: 'A/79', next: '999' })).status).toBe(403);
  });
});
