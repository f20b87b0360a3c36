/**
 * A webhook endpoint for tests: a node:http server on a free loopback port that records every
 * request, answers the verification challenge, and answers deliveries as the test says. Signatures
 * are checked afterwards (the secret is known only once the subscription is created) with a
 * hand-written Standard Webhooks check, independent of the code under test.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll } from 'vitest';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type?: string; id?: string; challenge?: string; [k: string]: unknown };
}

/** `status: 0` leaves the request unanswered (an endpoint that hangs). */
export type Answer = { status: number; body?: string };

export interface Receiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Requests other than the verification. */
  events(): ReceivedRequest[];
  /** How to answer the n-th event (0-based); verification is answered correctly unless `verify` says otherwise. */
  answer: (event: ReceivedRequest, n: number) => Answer;
  verify: (request: ReceivedRequest) => Answer;
  close(): Promise<void>;
}

export const echoChallenge = (request: ReceivedRequest): Answer => ({
  status: 200,
  body: JSON.stringify({ challenge: request.json.challenge }),
});

/** Starts a receiver; given `receiver`, it fills in that object, which the server then answers from. */
export async function startReceiver(receiver = {} as Receiver): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let events = 0;
  Object.assign(receiver, {
    url: '',
    port: 0,
    requests,
    events: () => requests.filter((r) => r.json.type !== 'subscription.verification'),
    answer: () => ({ status: 204 }),
    verify: echoChallenge,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  } satisfies Receiver);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: ReceivedRequest['json'] = {};
      try {
        json = JSON.parse(body);
      } catch {
        // recorded as is
      }
      const request = { headers: req.headers, body, json };
      requests.push(request);
      const answer =
        json.type === 'subscription.verification'
          ? receiver.verify(request)
          : receiver.answer(request, events++);
      if (answer.status === 0) return;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  receiver.port = (server.address() as { port: number }).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  return receiver;
}

/**
 * The receiver of the tests in this file (or `describe` block): started before them, closed after.
 * The object it returns is filled in by the time the first test or later hook runs.
 */
export function useReceiver(): Receiver {
  const receiver = {} as Receiver;
  beforeAll(async () => {
    await startReceiver(receiver);
  });
  afterAll(() => receiver.close?.());
  return receiver;
}

/** Checks a request's Standard Webhooks signature against a `whsec_` secret (5-minute tolerance). */
export function signatureValid(request: ReceivedRequest, secret: string): boolean {
  const id = request.headers['webhook-id'];
  const timestamp = request.headers['webhook-timestamp'];
  const signatures = request.headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest();
  return signatures.split(' ').some((s) => {
    const [version, value = ''] = s.split(',');
    const given = Buffer.from(value, 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
