/**
 * Sends one webhook POST. The URL policy is enforced on the address actually connected to: the
 * hostname is resolved here, every resolved address must pass, and the socket connects to exactly
 * those addresses (a custom `lookup`), so DNS rebinding between check and use cannot redirect a
 * delivery into a private network. Redirects are not followed; the response body is read only up
 * to a small limit.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type WebhookClient, WebhookRequestError, type WebhookResponse } from '../domain/webhook-endpoint.ts';
import { checkWebhookUrl, refuseAddress, type WebhookUrlPolicy } from '../domain/webhook-url-policy.ts';

export interface WebhookClientOptions {
  policy: WebhookUrlPolicy;
  /** Whole request, connect to last byte. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Name resolution (tests substitute one); `dns.lookup` by default, as the OS resolves. */
  resolve?: typeof dnsLookup;
}

const USER_AGENT = 'Distr-Webhooks/1.0';

export function createWebhookClient({
  policy,
  timeoutMs = 10_000,
  maxResponseBytes = 16_384,
  resolve: resolveName = dnsLookup,
}: WebhookClientOptions): WebhookClient {
  return {
    post(target, headers, body) {
      const checked = checkWebhookUrl(target, policy);
      if (!checked.ok) return Promise.reject(new WebhookRequestError(checked.reason, true));
      const url = checked.url;

      const lookup: LookupFunction = (hostname, options, callback) => {
        resolveName(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
          if (error) return callback(error, '', 0);
          // Refuse if any address is refused: a mixed answer is how rebinding attacks hide.
          for (const { address } of addresses) {
            const refused = refuseAddress(address, url.protocol, policy);
            if (refused) {
              return callback(
                new WebhookRequestError(
                  `${hostname} resolves to ${refused.replace(/^\S+ is /, `${address}, `)}`,
                  true,
                ),
                '',
                0,
              );
            }
          }
          if (options.all)
            return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
          const first = addresses[0];
          if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
          callback(null, first.address, first.family);
        });
      };

      return new Promise<WebhookResponse>((resolve, reject) => {
        const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
        const req = send(url, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': USER_AGENT,
          },
          lookup,
          agent: false,
          signal: AbortSignal.timeout(timeoutMs),
        });
        req.on('socket', (socket) => {
          // Second line of defence: whatever connected, it must be an allowed address.
          socket.once('connect', () => {
            const refused = socket.remoteAddress && refuseAddress(socket.remoteAddress, url.protocol, policy);
            if (refused) req.destroy(new WebhookRequestError(refused, true));
          });
        });
        req.on('error', (error: Error) => {
          if (error instanceof WebhookRequestError) return reject(error);
          const reason =
            error.name === 'AbortError' || error.name === 'TimeoutError'
              ? `no response within ${timeoutMs / 1000} s`
              : error.message || error.name;
          reject(new WebhookRequestError(reason));
        });
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size < maxResponseBytes) chunks.push(chunk.subarray(0, maxResponseBytes - size));
            size += chunk.length;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', (error) => reject(new WebhookRequestError(error.message)));
        });
        req.end(body);
      });
    },
  };
}
