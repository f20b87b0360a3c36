import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSigningSecret, listActiveSubscriptions } from '../../functions/adapters/subscription-store.ts';
import type { StateCode } from '../../functions/domain/member-states.ts';
import type { Role } from '../../functions/domain/tokens.ts';
import { call as request } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { sampleFilters } from '../support/fixtures.ts';
import { table } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { type Receiver, signatureValid, startReceiver, useReceiver } from '../support/webhook-receiver.ts';

/** The JSON answers these tests read (subscription, problem or page). */
interface Body {
  id: string;
  secret: string;
  url: string;
  status: string;
  createdAt: string;
  filters: Record<string, unknown>;
  items: unknown[];
  nextCursor: string | null;
  'invalid-params': { name: string; reason: string }[];
}

describe('subscriptions API', () => {
  const distr = useTestDistr();
  const receiver = useReceiver();
  const tokens: Record<string, string> = {};

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    request<Body>(distr, method, path, { token, body });

  beforeAll(async () => {
    const grants: Record<string, { role: Role; state?: StateCode }> = {
      subscriber: { role: 'subscriber' },
      other: { role: 'subscriber' },
      mission: { role: 'mission', state: 'FRA' },
      sameMission: { role: 'mission', state: 'FRA' },
      officer: { role: 'officer' },
    };
    for (const [name, grant] of Object.entries(grants)) {
      tokens[name] = await tokenFor(distr, grant.role, grant.state);
    }
  });

  it('verifies the endpoint with a signed challenge, then answers with the secret once', async () => {
    const res = await call('POST', '/v1/subscriptions', tokens.subscriber, {
      url: receiver.url,
      filters: sampleFilters(),
    });
    expect(res.status).toBe(201);
    const created = res.body;
    expect(created).toMatchObject({
      id: expect.stringMatching(/^sub_[0-9a-f]{24}$/),
      url: receiver.url,
      status: 'active',
      filters: { organs: ['GA'], sessions: [79], symbolPrefix: 'A/79/', languages: ['fr'] },
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    expect(res.headers.get('location')).toBe(`/v1/subscriptions/${created.id}`);
    expect(Buffer.from(created.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);

    const verification = receiver.requests.at(-1);
    expect(verification?.json).toEqual({ type: 'subscription.verification', challenge: expect.any(String) });
    expect(verification && signatureValid(verification, created.secret)).toBe(true);

    const shown = await call('GET', `/v1/subscriptions/${created.id}`, tokens.subscriber);
    expect(shown.status).toBe(200);
    const view = shown.body;
    expect(view).toEqual({
      id: created.id,
      url: receiver.url,
      filters: created.filters,
      status: 'active',
      createdAt: created.createdAt,
    });
    expect(JSON.stringify(view)).not.toContain('whsec_');
  });

  it('keeps the signing secret in an item of its own, out of the list notify reads, and deletes both', async () => {
    const created = (await call('POST', '/v1/subscriptions', tokens.subscriber, { url: receiver.url })).body;
    const raw = async (pk: string, sk: string) =>
      (await table(distr).db.send(new GetCommand({ TableName: table(distr).tableName, Key: { pk, sk } })))
        .Item;
    const item = await raw(`SUBSCRIPTION#${created.id}`, 'SUBSCRIPTION');
    expect(item).toMatchObject({ id: created.id, url: receiver.url });
    expect(item).not.toHaveProperty('secret');
    expect(await raw(`SECRET#${created.id}`, 'SECRET')).toMatchObject({ secret: created.secret });
    expect(await getSigningSecret(table(distr), created.id)).toBe(created.secret);
    const listed = (await listActiveSubscriptions(table(distr))).find((s) => s.id === created.id);
    expect(listed).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    expect((await call('DELETE', `/v1/subscriptions/${created.id}`, tokens.subscriber)).status).toBe(204);
    expect(await raw(`SUBSCRIPTION#${created.id}`, 'SUBSCRIPTION')).toBeUndefined();
    expect(await raw(`SECRET#${created.id}`, 'SECRET')).toBeUndefined();
  });

  it('stores nothing when the endpoint fails verification', async () => {
    const before = (await listActiveSubscriptions(table(distr))).length;
    const cases: Array<[Receiver['verify'], RegExp]> = [
      [() => ({ status: 200, body: JSON.stringify({ challenge: 'wrong' }) }), /did not echo the challenge/],
      [() => ({ status: 500, body: 'boom' }), /answered 500/],
      [
        (r) => ({ status: 202, body: JSON.stringify({ challenge: r.json.challenge }) }),
        /answered 202, not 200/,
      ],
      [() => ({ status: 200, body: 'ok' }), /not answer with JSON/],
    ];
    for (const [verify, reason] of cases) {
      receiver.verify = verify;
      const res = await call('POST', '/v1/subscriptions', tokens.subscriber, { url: receiver.url });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = res.body;
      expect(problem['invalid-params']).toEqual([{ name: '/url', reason: expect.stringMatching(reason) }]);
    }
    receiver.verify = (r) => ({ status: 200, body: JSON.stringify({ challenge: r.json.challenge }) });
    const closed = await startReceiver();
    await closed.close();
    const unreachable = await call('POST', '/v1/subscriptions', tokens.subscriber, { url: closed.url });
    expect(unreachable.status).toBe(422);
    expect(unreachable.body['invalid-params'][0]?.reason).toMatch(/ECONNREFUSED/);
    expect((await listActiveSubscriptions(table(distr))).length).toBe(before);
  });

  it('names each bad field of the body', async () => {
    const res = await call('POST', '/v1/subscriptions', tokens.subscriber, {
      url: receiver.url,
      filters: { organs: ['UNGA'], sessions: [0], languages: [], colour: 'blue' },
      extra: 1,
    });
    expect(res.status).toBe(422);
    const names = res.body['invalid-params'].map((p: { name: string }) => p.name).sort();
    expect(names).toEqual([
      '/extra',
      '/filters/colour',
      '/filters/languages',
      '/filters/organs/0',
      '/filters/sessions/0',
    ]);

    const noUrl = await call('POST', '/v1/subscriptions', tokens.subscriber, { filters: {} });
    expect(noUrl.body['invalid-params']).toEqual([{ name: '/url', reason: expect.any(String) }]);
    const private10 = await call('POST', '/v1/subscriptions', tokens.subscriber, {
      url: 'https://10.0.0.1/hook',
    });
    expect(private10.status).toBe(422);
    expect(private10.body['invalid-params']).toEqual([
      { name: '/url', reason: '10.0.0.1 is a private address' },
    ]);
  });

  it('asks for credentials (401) and a role that may subscribe', async () => {
    const anonymous = await call('POST', '/v1/subscriptions', undefined, { url: receiver.url });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const bad = await call('GET', '/v1/subscriptions/sub_000000000000000000000000', 'distr_nope');
    expect(bad.status).toBe(401);
  });

  it('shows and deletes a subscription for its owner only; officers may see all', async () => {
    const create = async (token: string | undefined) =>
      (await call('POST', '/v1/subscriptions', token, { url: receiver.url })).body;
    const mine = await create(tokens.subscriber);
    const missions = await create(tokens.mission);

    expect((await call('GET', `/v1/subscriptions/${mine.id}`, tokens.other)).status).toBe(404);
    expect((await call('GET', `/v1/subscriptions/${mine.id}/deliveries`, tokens.other)).status).toBe(404);
    expect((await call('DELETE', `/v1/subscriptions/${mine.id}`, tokens.other)).status).toBe(404);
    expect((await call('GET', `/v1/subscriptions/${mine.id}`, tokens.officer)).status).toBe(200);
    expect((await call('GET', `/v1/subscriptions/${mine.id}/deliveries`, tokens.officer)).status).toBe(200);
    expect((await call('DELETE', `/v1/subscriptions/${mine.id}`, tokens.officer)).status).toBe(403);
    // Any token of the same mission speaks for it.
    expect((await call('GET', `/v1/subscriptions/${missions.id}`, tokens.sameMission)).status).toBe(200);
    expect((await call('GET', '/v1/subscriptions/not-an-id', tokens.subscriber)).status).toBe(404);

    const deleted = await call('DELETE', `/v1/subscriptions/${mine.id}`, tokens.subscriber);
    expect(deleted.status).toBe(204);
    expect((await call('GET', `/v1/subscriptions/${mine.id}`, tokens.subscriber)).status).toBe(404);
    expect((await call('DELETE', `/v1/subscriptions/${mine.id}`, tokens.subscriber)).status).toBe(404);
    const active = (await listActiveSubscriptions(table(distr))).map((s) => s.id);
    expect(active).not.toContain(mine.id);
    expect(active).toContain(missions.id);
  });

  it('lists the subscriptions a caller may manage, newest first, page by page, never the secret', async () => {
    const token = (role: Role, state?: StateCode) => tokenFor(distr, role, state);
    const [alice, bob, norway, norwayToo] = [
      await token('subscriber'),
      await token('subscriber'),
      await token('mission', 'NOR'),
      await token('mission', 'NOR'),
    ];
    const create = async (who: string) =>
      (await call('POST', '/v1/subscriptions', who, { url: receiver.url })).body.id;
    const first = await create(alice);
    const second = await create(alice);
    const bobs = await create(bob);
    const norways = await create(norway);
    const list = async (who: string, query = '') => {
      const res = await call('GET', `/v1/subscriptions${query}`, who);
      expect(res.status).toBe(200);
      return res.body;
    };

    const all = await list(alice);
    expect(all.items.map((s) => (s as { id: string }).id)).toEqual([second, first]);
    expect(all.nextCursor).toBeNull();
    for (const item of all.items) {
      expect(item).not.toHaveProperty('secret');
      expect(item).toMatchObject({ url: receiver.url, status: 'active' });
    }
    expect((await list(bob)).items.map((s) => (s as { id: string }).id)).toEqual([bobs]);
    // A mission's tokens share its State's subscriptions.
    expect((await list(norwayToo)).items.map((s) => (s as { id: string }).id)).toEqual([norways]);

    const page1 = await list(alice, '?limit=1');
    expect(page1.items.map((s) => (s as { id: string }).id)).toEqual([second]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await list(alice, `?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items.map((s) => (s as { id: string }).id)).toEqual([first]);
    // Another caller cannot page through Alice's list with her cursor.
    const stolen = await call('GET', `/v1/subscriptions?limit=1&cursor=${page1.nextCursor}`, bob);
    expect(stolen.status).toBe(400);
    expect(stolen.body['invalid-params']).toEqual([{ name: 'cursor', reason: expect.any(String) }]);

    await call('DELETE', `/v1/subscriptions/${first}`, alice);
    expect((await list(alice)).items.map((s) => (s as { id: string }).id)).toEqual([second]);
    expect((await call('GET', '/v1/subscriptions')).status).toBe(401);
    expect((await call('GET', '/v1/subscriptions?limit=500', alice)).status).toBe(400);
  });

  it('lists deliveries with paging parameters checked', async () => {
    const { id } = (await call('POST', '/v1/subscriptions', tokens.subscriber, { url: receiver.url })).body;
    const empty = await call('GET', `/v1/subscriptions/${id}/deliveries`, tokens.subscriber);
    expect(empty.body).toEqual({ items: [], nextCursor: null });
    const badLimit = await call('GET', `/v1/subscriptions/${id}/deliveries?limit=0`, tokens.subscriber);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body['invalid-params']).toEqual([{ name: 'limit', reason: expect.any(String) }]);
    const badCursor = await call('GET', `/v1/subscriptions/${id}/deliveries?cursor=abc`, tokens.subscriber);
    expect(badCursor.status).toBe(400);
  });
});
