import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createWebhookClient } from '../functions/adapters/webhook-client.ts';
import { WebhookRequestError } from '../functions/domain/webhook-endpoint.ts';
import { useReceiver } from './support/webhook-receiver.ts';

/** A resolver that answers every name with fixed addresses, as a rebinding DNS server would. */
const resolvingTo = (...addresses: string[]) =>
  ((_host: string, _options: unknown, callback: (e: Error | null, a: LookupAddress[]) => void) => {
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  }) as never;

describe('webhook client: the address actually connected to', () => {
  const receiver = useReceiver();

  it('refuses a public-looking name that resolves to loopback, before connecting', async () => {
    const client = createWebhookClient({
      policy: { allowLoopback: false },
      resolve: resolvingTo('127.0.0.1'),
    });
    const sent = client.post(`https://hooks.example.org:${receiver.port}/`, {}, '{}');
    await expect(sent).rejects.toThrow(WebhookRequestError);
    await expect(sent).rejects.toThrow('hooks.example.org resolves to 127.0.0.1, a loopback address');
    expect(receiver.requests).toEqual([]);
  });

  it('refuses when any resolved address is private, even beside a public one', async () => {
    const client = createWebhookClient({
      policy: { allowLoopback: false },
      resolve: resolvingTo('93.184.216.34', '10.0.0.7'),
    });
    await expect(client.post('https://hooks.example.org/', {}, '{}')).rejects.toThrow(
      'resolves to 10.0.0.7, a private address',
    );
  });

  it('refuses private and metadata addresses with the local flag too', async () => {
    const client = createWebhookClient({
      policy: { allowLoopback: true },
      resolve: resolvingTo('169.254.169.254'),
    });
    await expect(client.post('https://metadata.example.org/', {}, '{}')).rejects.toThrow(/link-local/);
  });

  it('posts to loopback over http with the local flag, and reads the answer', async () => {
    receiver.answer = () => ({ status: 202, body: 'accepted' });
    const client = createWebhookClient({ policy: { allowLoopback: true } });
    const answer = await client.post(receiver.url, { 'webhook-id': 'msg_1' }, '{"type":"x"}');
    expect(answer).toEqual({ status: 202, body: 'accepted' });
    const [request] = receiver.requests;
    expect(request?.headers).toMatchObject({
      'webhook-id': 'msg_1',
      'content-type': 'application/json',
      'user-agent': 'Distr-Webhooks/1.0',
    });
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    receiver.answer = () => ({ status: 0 });
    const slow = createWebhookClient({ policy: { allowLoopback: true }, timeoutMs: 300 });
    await expect(slow.post(receiver.url, {}, '{}')).rejects.toThrow('no response within 0.3 s');
  });
});
