/**
 * The subscription routes: subscribers (and missions, officers) register a webhook endpoint with
 * filters, list theirs, read one back, delete it, and follow its deliveries. Thin handlers: the
 * router has checked the caller, body and query (router.ts); they call the subscriptions service (domain/subscriptions-service.ts), shape the
 * answer (never the secret, except once on creation).
 */
import { z } from 'zod';
import { publicView } from '../domain/subscription.ts';
import { subscriptionFiltersSchema } from '../domain/subscription-filters.ts';
import type { SubscriptionsService } from '../domain/subscriptions-service.ts';
import { MAX_URL_LENGTH, URL_TOO_LONG } from '../domain/webhook-url-policy.ts';
import { json } from './http-api.ts';
import { pagingSchema } from './request-validation.ts';
import type { Handlers } from './router.ts';

export const createSubscriptionSchema = z.strictObject({
  url: z
    .string({ error: 'the endpoint URL is required, as a string' })
    .max(MAX_URL_LENGTH, { error: URL_TOO_LONG }),
  filters: subscriptionFiltersSchema.optional(),
});

/** The paging of the lists, with nothing else allowed. */
export const subscriptionListQuery = z.strictObject(pagingSchema.shape);

type SubscriptionOperations =
  | 'createSubscription'
  | 'listSubscriptions'
  | 'getSubscription'
  | 'deleteSubscription'
  | 'listDeliveries';

export function subscriptionHandlers(
  subscriptions: SubscriptionsService,
): Pick<Handlers<'api'>, SubscriptionOperations> {
  return {
    createSubscription: async ({ caller, body }) => {
      const { subscription, secret } = await subscriptions.create(caller, body);
      // The only time the secret is shown.
      return json(
        201,
        { ...publicView(subscription), secret },
        { location: `/v1/subscriptions/${subscription.id}`, 'cache-control': 'no-store' },
      );
    },
    listSubscriptions: async ({ caller, query }) => {
      const page = await subscriptions.list(caller, query);
      return json(200, { items: page.items.map(publicView), nextCursor: page.next ?? null });
    },
    getSubscription: async ({ caller, params }) =>
      json(200, publicView(await subscriptions.get(caller, params.id))),
    deleteSubscription: async ({ caller, params }) => {
      await subscriptions.delete(caller, params.id);
      return { statusCode: 204, headers: {}, body: '' };
    },
    listDeliveries: async ({ caller, params, query }) => {
      const page = await subscriptions.deliveries(caller, params.id, () => query);
      return json(200, { items: page.items, nextCursor: page.next ?? null });
    },
  };
}
