import { beforeAll, describe, expect, it } from 'vitest';
import { listActiveSubscriptions } from '../../functions/adapters/subscription-store.ts';
import { call } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { table } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { useReceiver } from '../support/webhook-receiver.ts';

// As deployed: without the local runtime's loopback flag.
process.env.DISTR_ALLOW_LOOPBACK_WEBHOOKS = '0';

describe('subscription URLs as deployed (no loopback flag)', () => {
  const distr = useTestDistr();
  const receiver = useReceiver();
  let token: string;

  beforeAll(async () => {
    token = await tokenFor(distr, 'subscriber');
  });

  it.each([
    ['http to a loopback receiver', () => receiver.url, /loopback address/],
    [
      'https to a loopback receiver',
      () => receiver.url.replace('http:', 'https:'),
      /127\.0\.0\.1 is a loopback address/,
    ],
    ['localhost', () => `https://localhost:${receiver.port}/hooks`, /localhost is a loopback name/],
    ['IPv6 loopback', () => `https://[::1]:${receiver.port}/`, /loopback address/],
    ['a private address', () => 'https://192.168.0.10/hooks', /private address/],
    ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/', /link-local address/],
    ['CGNAT space', () => 'https://100.64.0.1/', /CGNAT/],
    ['an IPv6 ULA', () => 'https://[fd00::1]/', /unique local address/],
    ['multicast', () => 'https://239.1.1.1/', /multicast address/],
    ['a reserved address', () => 'https://240.0.0.1/', /reserved address/],
    ['plain http to a public host', () => 'http://hooks.example.org/distr', /scheme must be https/],
  ])('refuses %s with 422 naming /url, without calling it', async (_, url, reason) => {
    const before = receiver.requests.length;
    const res = await call(distr, 'POST', '/v1/subscriptions', { token, body: { url: url() } });
    expect(res.status).toBe(422);
    const problem = res.body as { 'invalid-params': { name: string; reason: string }[] };
    expect(problem['invalid-params']).toEqual([{ name: '/url', reason: expect.stringMatching(reason) }]);
    expect(receiver.requests.length).toBe(before);
  });

  it('stored none of them', async () => {
    expect(await listActiveSubscriptions(table(distr))).toEqual([]);
  });
});
