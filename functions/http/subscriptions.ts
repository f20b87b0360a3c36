/**
 * The subscription routes: subscribers (and missions, officers) register a webhook endpoint with
 * filters, list theirs, read one back, delete it, and follow its deliveries. Thin handlers: parse,
 * authorize (caller.ts), call the subscriptions service (domain/subscriptions-service.ts), shape the
 * answer (never the secret, except once on creation).
 */
import { z } from 'zod';
import { publicView } from '../domain/subscription.ts';
import { subscriptionFiltersSchema } from '../domain/subscription-filters.ts';
import type { SubscriptionsService } from '../domain/subscriptions-service.ts';
import { requireRole } from './caller.ts';
import { type HttpEvent, type HttpRoute, json } from './http-api.ts';
import { Problem } from './problem.ts';
import { pagingSchema, parseBody, parseQuery } from './request-validation.ts';

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

/** Who may use these routes: any token; what each caller sees is the service's business. */
const authorized = (event: HttpEvent) => requireRole(event, 'subscriber', 'mission', 'officer');
const idOf = (event: HttpEvent) => event.pathParameters?.id ?? '';

export function subscriptionRoutes(subscriptions: SubscriptionsService): HttpRoute[] {
  return [
    {
      method: 'POST',
      path: '/v1/subscriptions',
      handler: async (event: HttpEvent) => {
        const caller = authorized(event);
        const { subscription, secret } = await subscriptions.create(caller, parseCreateBody(event));
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
        const caller = authorized(event);
        const query = parseQuery(event, listQuerySchema);
        const page = await subscriptions.list(caller, query);
        return json(200, { items: page.items.map(publicView), nextCursor: page.next ?? null });
      },
    },
    {
      method: 'GET',
      path: '/v1/subscriptions/{id}',
      handler: async (event: HttpEvent) =>
        json(200, publicView(await subscriptions.get(authorized(event), idOf(event)))),
    },
    {
      method: 'DELETE',
      path: '/v1/subscriptions/{id}',
      handler: async (event: HttpEvent) => {
        await subscriptions.delete(authorized(event), idOf(event));
        return { statusCode: 204, headers: {}, body: '' };
      },
    },
    {
      method: 'GET',
      path: '/v1/subscriptions/{id}/deliveries',
      handler: async (event: HttpEvent) => {
        const caller = authorized(event);
        const page = await subscriptions.deliveries(caller, idOf(event), () =>
          parseQuery(event, listQuerySchema),
        );
        return json(200, { items: page.items, nextCursor: page.next ?? null });
      },
    },
  ];
}
