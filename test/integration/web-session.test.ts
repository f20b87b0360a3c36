/**
 * The session pages over real HTTP (the local service, each table backend): the cookie's
 * attributes, the return path after sign-in, the CSRF token and the Origin check on sign-out, the
 * slow-down after repeated failures, and `no-store` on every answer of a session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_FAILURES } from '../../functions/domain/web-session.ts';
import { PORTAL_PAGE } from '../../functions/web/portal.ts';
import { startTestDistr, type TestDistr } from '../support/distr.ts';
import { seedSubmission } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { csrfOf, formPost, sessionCookie, signIn } from '../support/web-session.ts';

let distr: TestDistr;
let mission: string;

beforeAll(async () => {
  distr = await startTestDistr();
  mission = await tokenFor(distr, 'mission');
});
afterAll(() => distr?.dispose());

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie (no Secure on loopback HTTP) and returns where asked', async () => {
    const res = await fetch(
      `${distr.url}/fr/sign-in`,
      formPost(distr.url, { token: mission, return: '/fr/portal?status=received' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/fr/portal?status=received');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const [set] = res.headers.getSetCookie();
    expect(set).toMatch(/^distr_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(set).not.toContain(mission);
  });

  it.each(['https://evil.example/en/portal', '//evil.example/en/portal', '/en/search'])(
    'does not follow the return path %s',
    async (asked) => {
      const res = await fetch(
        `${distr.url}/en/sign-in`,
        formPost(distr.url, { token: mission, return: asked }),
      );
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/en/portal');
    },
  );

  it('sends a signed-out visitor to sign in, with the page to come back to', async () => {
    const res = await fetch(`${distr.url}/ar/portal?status=registered`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const location = new URL(res.headers.get('location') ?? '', distr.url);
    expect(location.pathname).toBe('/ar/sign-in');
    expect(location.searchParams.get('return')).toBe('/ar/portal?status=registered');
  });

  it('refuses a sign-in posted from another origin', async () => {
    const res = await fetch(`${distr.url}/en/sign-in`, formPost('https://evil.example', { token: mission }));
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe('signing out', () => {
  it('needs the CSRF token of the session and this origin', async () => {
    const cookie = await signIn(distr.url, mission);
    const portal = await fetch(`${distr.url}/en/portal`, { headers: { cookie } });
    expect(portal.status).toBe(200);
    expect(portal.headers.get('cache-control')).toBe('no-store');
    const csrf = csrfOf(await portal.text());

    const other = csrfOf(
      await (
        await fetch(`${distr.url}/en/portal`, { headers: { cookie: await signIn(distr.url, mission) } })
      ).text(),
    );
    expect(other).not.toBe(csrf);
    for (const [fields, origin] of [
      [{}, distr.url],
      [{ csrf: other }, distr.url],
      [{ csrf }, 'https://evil.example'],
    ] as const) {
      const res = await fetch(`${distr.url}/en/sign-out`, formPost(origin, fields, { cookie }));
      expect(res.status, JSON.stringify([fields, origin])).toBe(403);
    }
    // Still signed in.
    expect((await fetch(`${distr.url}/en/portal`, { headers: { cookie }, redirect: 'manual' })).status).toBe(
      200,
    );

    const out = await fetch(`${distr.url}/en/sign-out`, formPost(distr.url, { csrf }, { cookie }));
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie()[0]).toMatch(/^distr_session=; .*Max-Age=0$/);
    // The old cookie names no session any more.
    expect((await fetch(`${distr.url}/en/portal`, { headers: { cookie }, redirect: 'manual' })).status).toBe(
      303,
    );
  });
});

describe('repeated failed sign-ins', () => {
  it('are slowed down: after the free ones, a 429 with Retry-After, even for a good token', async () => {
    for (let n = 0; n < FREE_FAILURES; n++) {
      const res = await fetch(`${distr.url}/en/sign-in`, formPost(distr.url, { token: 'distr_wrong' }));
      expect(res.status).toBe(401);
    }
    const slowed = await fetch(`${distr.url}/en/sign-in`, formPost(distr.url, { token: mission }));
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(slowed.headers.getSetCookie()).toEqual([]);
    // Once the wait is over, a good token signs in and clears the count.
    await new Promise((resolve) => setTimeout(resolve, Number(slowed.headers.get('retry-after')) * 1000));
    const res = await fetch(`${distr.url}/en/sign-in`, formPost(distr.url, { token: mission }));
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).toMatch(/^distr_session=/);
  }, 30_000);
});

describe('the portal', () => {
  it("pages through the State's submissions, newest first, and filters by status", async () => {
    const ids: string[] = [];
    for (let n = 0; n <= PORTAL_PAGE; n++) ids.push(await seedSubmission(distr));
    const registered = await seedSubmission(distr, undefined, 'registered');
    const cookie = await signIn(distr.url, mission);
    const links = (html: string) =>
      [...html.matchAll(/href="\/en\/portal\/submissions\/([^"]+)"/g)]
        .map((m) => m[1])
        // The link to the new-submission form is not a submission.
        .filter((id) => id !== 'new');

    const first = await (await fetch(`${distr.url}/en/portal`, { headers: { cookie } })).text();
    expect(links(first)).toHaveLength(PORTAL_PAGE);
    expect(links(first)[0]).toBe(registered);
    const next = /href="(\/en\/portal\?cursor=[^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    if (!next) throw new Error('no next page link');
    const second = await (await fetch(`${distr.url}${next}`, { headers: { cookie } })).text();
    const all = [...links(first), ...links(second)];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([...ids, registered]));

    const filtered = await (
      await fetch(`${distr.url}/en/portal?status=registered`, { headers: { cookie } })
    ).text();
    expect(links(filtered)).toEqual([registered]);
    const bad = await fetch(`${distr.url}/en/portal?status=lost`, { headers: { cookie } });
    expect(bad.status).toBe(400);
  }, 60_000);
});
