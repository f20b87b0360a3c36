/**
 * The subscription routes: subscribers (and missions, officers) register a webhook endpoint with
 * filters, list theirs, read one back, delete it, and follow its deliveries. Thin handlers: parse, authorize
 * (caller.ts), check the URL policy, verify the endpoint, store.
 *
 * Verification is synchronous: create POSTs the signed challenge and stores the subscription only
 * if the endpoint answers it, else answers 422 naming `/url` and stores nothing. The subscriber
 * learns at once why its endpoint fails, no `pending` subscriptions pile up, and no second worker
 * or state is needed; the price is one outbound request (at most 10 s) inside the API call.
 */
import { z } from 'zod';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { listDeliveries } from '../adapters/delivery-store.ts';
import {
  deleteSubscription,
  getSubscription,
  listSubscriptionsOf,
  putSubscription,
  type SubscriptionStore,
} from '../adapters/subscription-store.ts';
import {
  createWebhookClient,
  type WebhookClient,
  WebhookRequestError,
  webhookPolicyFrom,
} from '../adapters/webhook-client.ts';
import type { Config } from '../config.ts';
import {
  isSubscriptionId,
  newSubscriptionId,
  ownsSubscription,
  publicView,
  type Subscription,
} from '../domain/subscription.ts';
import { subscriptionFiltersSchema } from '../domain/subscription-filters.ts';
import { verificationFailure, verificationRequest } from '../domain/subscription-verification.ts';
import { generateWebhookSecret, signWebhook } from '../domain/webhook-signature.ts';
import { checkWebhookUrl, type WebhookUrlPolicy } from '../domain/webhook-url-policy.ts';
import { requireRole } from './caller.ts';
import { type HttpEvent, type HttpRoute, json } from './http-api.ts';
import { Problem } from './problem.ts';
import { pagingSchema, parseBody, parseQuery } from './request-validation.ts';

export interface SubscriptionDeps {
  db: AwsClients['db'];
  config: Config;
  /** Defaults to a client with the policy of `process.env` (the local runtime sets the loopback flag there). */
  webhooks?: WebhookClient;
  policy?: WebhookUrlPolicy;
}

export const createSubscriptionSchema = z.strictObject({
  url: z.string({ error: 'the endpoint URL is required, as a string' }),
  filters: subscriptionFiltersSchema.optional(),
});

const listQuerySchema = z.strictObject(pagingSchema.shape);

function parseCreateBody(event: HttpEvent) {
  const { body } = event;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw Problem.invalid(422, 'The request body must be a JSON object.', [
      { name: '/', reason: 'expected {"url": "https://…", "filters": {…}}' },
    ]);
  }
  return parseBody(event, createSubscriptionSchema);
}

const unusableUrl = (reason: string) =>
  Problem.invalid(422, `The endpoint URL cannot be used: ${reason}.`, [{ name: '/url', reason }]);

/** POSTs the signed challenge; throws the 422 that says why the endpoint did not pass. */
async function verifyEndpoint(webhooks: WebhookClient, url: string, secret: string): Promise<void> {
  const request = verificationRequest();
  const headers = signWebhook(secret, request.id, new Date(), request.body);
  let failure: string | undefined;
  try {
    failure = verificationFailure(request.challenge, await webhooks.post(url, { ...headers }, request.body));
  } catch (error) {
    if (error instanceof WebhookRequestError) failure = error.message;
    else throw error;
  }
  if (failure) {
    throw Problem.invalid(422, `The endpoint did not pass verification: ${failure}.`, [
      { name: '/url', reason: `verification failed: ${failure}` },
    ]);
  }
}

export function subscriptionRoutes(deps: SubscriptionDeps): HttpRoute[] {
  const policy = deps.policy ?? webhookPolicyFrom(process.env);
  const webhooks = deps.webhooks ?? createWebhookClient({ policy });
  const store: SubscriptionStore = { db: deps.db, tableName: deps.config.tableName };

  /** The subscription, if the caller may see it; others get the same 404 as a missing one. */
  async function visible(event: HttpEvent, manage: boolean): Promise<Subscription> {
    const caller = requireRole(event, 'subscriber', 'mission', 'officer');
    const id = event.pathParameters?.id ?? '';
    const notFound = new Problem(404, `There is no subscription ${id}.`);
    if (!isSubscriptionId(id)) throw notFound;
    const subscription = await getSubscription(store, id);
    if (!subscription) throw notFound;
    if (ownsSubscription(caller, subscription.owner)) return subscription;
    if (caller.role !== 'officer') throw notFound;
    if (manage) throw new Problem(403, 'Only the subscriber who created this subscription may delete it.');
    return subscription;
  }

  const routes: HttpRoute[] = [
    {
      method: 'POST',
      path: '/v1/subscriptions',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'subscriber', 'mission', 'officer');
        const input = parseCreateBody(event);
        const checked = checkWebhookUrl(input.url, policy);
        if (!checked.ok) throw unusableUrl(checked.reason);
        const url = checked.url.href;
        const secret = generateWebhookSecret();
        await verifyEndpoint(webhooks, url, secret);
        const subscription: Subscription = {
          id: newSubscriptionId(),
          url,
          filters: input.filters ?? {},
          status: 'active',
          owner: {
            role: caller.role,
            tokenId: caller.tokenId,
            ...(caller.state ? { state: caller.state } : {}),
          },
          createdAt: new Date().toISOString(),
        };
        await putSubscription(store, subscription, secret);
        // The only time the secret is shown.
        return json(
          201,
          { ...publicView(subscription), secret },
          { location: `/v1/subscriptions/${subscription.id}`, 'cache-control': 'no-store' },
        );
      },
    },
    {
      method: 'GET',
      path: '/v1/subscriptions',
      handler: async (event: HttpEvent) => {
        // Everyone lists the subscriptions they may manage (a mission, its State's), officers too.
        const caller = requireRole(event, 'subscriber', 'mission', 'officer');
        const query = parseQuery(event, listQuerySchema);
        const owner = {
          role: caller.role,
          tokenId: caller.tokenId,
          ...(caller.state ? { state: caller.state } : {}),
        };
        const page = await listSubscriptionsOf(store, owner, query);
        return json(200, { items: page.items.map(publicView), nextCursor: page.next ?? null });
      },
    },
    {
      method: 'GET',
      path: '/v1/subscriptions/{id}',
      handler: async (event: HttpEvent) => json(200, publicView(await visible(event, false))),
    },
    {
      method: 'DELETE',
      path: '/v1/subscriptions/{id}',
      handler: async (event: HttpEvent) => {
        const subscription = await visible(event, true);
        await deleteSubscription(store, subscription.id);
        return { statusCode: 204, headers: {}, body: '' };
      },
    },
    {
      method: 'GET',
      path: '/v1/subscriptions/{id}/deliveries',
      handler: async (event: HttpEvent) => {
        const subscription = await visible(event, false);
        const query = parseQuery(event, listQuerySchema);
        const page = await listDeliveries(store, subscription.id, query);
        return json(200, { items: page.items, nextCursor: page.next ?? null });
      },
    },
  ];
  return routes;
}
