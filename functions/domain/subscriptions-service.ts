/**
 * What subscribers (and missions, officers) do with webhook subscriptions: create one (check the
 * URL, verify the endpoint, keep the secret), read, list and delete theirs, and follow a
 * subscription's deliveries. No AWS here: storage comes through the ports below, implemented by
 * adapters/subscription-store.ts and adapters/delivery-store.ts.
 *
 * Verification is synchronous: create POSTs the signed challenge and stores the subscription only
 * if the endpoint answers it, else refuses naming `/url` and stores nothing. The subscriber learns at
 * once why its endpoint fails, no `pending` subscriptions pile up, and no second worker or state is
 * needed; the price is one outbound request (at most the client's timeout) inside the API call.
 */
import type { Delivery } from './delivery.ts';
import { DomainError } from './errors.ts';
import {
  isSubscriptionId,
  newSubscriptionId,
  ownsSubscription,
  type Subscription,
  type SubscriptionOwner,
} from './subscription.ts';
import type { SubscriptionFilters } from './subscription-filters.ts';
import { verificationFailure, verificationRequest } from './subscription-verification.ts';
import { type WebhookClient, WebhookRequestError } from './webhook-endpoint.ts';
import { generateWebhookSecret, signWebhook } from './webhook-signature.ts';
import { checkWebhookUrl, type WebhookUrlPolicy } from './webhook-url-policy.ts';

// ---- Ports -------------------------------------------------------------------------------------

export interface PageRequest {
  limit: number;
  /** Opaque, from a previous page; the port refuses one it did not hand out (invalidCursor, errors.ts). */
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
  next?: string;
}

export interface SubscriptionRepository {
  /** Stores a subscription and its signing secret. */
  put(subscription: Subscription, secret: string): Promise<void>;
  get(id: string): Promise<Subscription | undefined>;
  /** The subscriptions `owner` may manage, newest first. */
  listOf(owner: SubscriptionOwner, page: PageRequest): Promise<Page<Subscription>>;
  /** Every subscription, newest first. */
  listAll(page: PageRequest): Promise<Page<Subscription>>;
  /** Deletes a subscription and its secret; one already gone is not an error. */
  delete(id: string): Promise<void>;
}

export interface DeliveryListPort {
  /** A subscription's deliveries, newest first. */
  list(subscriptionId: string, page: PageRequest): Promise<Page<Delivery>>;
}

export interface SubscriptionsServicePorts {
  subscriptions: SubscriptionRepository;
  deliveries: DeliveryListPort;
  webhooks: WebhookClient;
  clock?: () => Date;
}

// ---- Steps -------------------------------------------------------------------------------------

export interface NewSubscription {
  url: string;
  filters?: SubscriptionFilters | undefined;
}

export function createSubscriptionsService(
  ports: SubscriptionsServicePorts,
  options: { policy: WebhookUrlPolicy },
) {
  const clock = ports.clock ?? (() => new Date());
  const ownerOf = (caller: SubscriptionOwner): SubscriptionOwner => ({
    role: caller.role,
    tokenId: caller.tokenId,
    ...(caller.state ? { state: caller.state } : {}),
  });

  /** POSTs the signed challenge; refuses naming `/url` with why the endpoint did not pass. */
  async function verifyEndpoint(url: string, secret: string): Promise<void> {
    const request = verificationRequest();
    const headers = signWebhook(secret, request.id, clock(), request.body);
    let failure: string | undefined;
    try {
      failure = verificationFailure(
        request.challenge,
        await ports.webhooks.post(url, { ...headers }, request.body),
      );
    } catch (error) {
      if (error instanceof WebhookRequestError) failure = error.message;
      else throw error;
    }
    if (failure) {
      throw new DomainError('invalid', `The endpoint did not pass verification: ${failure}.`, [
        { field: '/url', message: `verification failed: ${failure}` },
      ]);
    }
  }

  /** The subscription, if the caller may see it; others are told, as for a missing one, that there is none. */
  async function visible(caller: SubscriptionOwner, id: string, manage: boolean): Promise<Subscription> {
    const notFound = new DomainError('not-found', `There is no subscription ${id}.`);
    if (!isSubscriptionId(id)) throw notFound;
    const subscription = await ports.subscriptions.get(id);
    if (!subscription) throw notFound;
    if (ownsSubscription(caller, subscription.owner)) return subscription;
    if (caller.role !== 'officer') throw notFound;
    if (manage) {
      throw new DomainError('forbidden', 'Only the subscriber who created this subscription may delete it.');
    }
    return subscription;
  }

  /** Checks the URL, verifies the endpoint, stores the subscription; the secret is shown only here. */
  async function create(
    caller: SubscriptionOwner,
    input: NewSubscription,
  ): Promise<{ subscription: Subscription; secret: string }> {
    const checked = checkWebhookUrl(input.url, options.policy);
    if (!checked.ok) {
      throw new DomainError('invalid', `The endpoint URL cannot be used: ${checked.reason}.`, [
        { field: '/url', message: checked.reason },
      ]);
    }
    const url = checked.url.href;
    const secret = generateWebhookSecret();
    await verifyEndpoint(url, secret);
    const subscription: Subscription = {
      id: newSubscriptionId(),
      url,
      filters: input.filters ?? {},
      status: 'active',
      owner: ownerOf(caller),
      createdAt: clock().toISOString(),
    };
    await ports.subscriptions.put(subscription, secret);
    return { subscription, secret };
  }

  return {
    create,
    get: (caller: SubscriptionOwner, id: string) => visible(caller, id, false),
    /** Everyone lists the subscriptions they may manage (a mission, its State's), officers too. */
    list: (caller: SubscriptionOwner, page: PageRequest) => ports.subscriptions.listOf(ownerOf(caller), page),
    /** Every subscription, whoever made it: officers only, who oversee the deliveries of all. */
    async listAll(caller: SubscriptionOwner, page: PageRequest): Promise<Page<Subscription>> {
      if (caller.role !== 'officer') {
        throw new DomainError('forbidden', 'Only officers see every subscription.');
      }
      return ports.subscriptions.listAll(page);
    },
    async delete(caller: SubscriptionOwner, id: string): Promise<void> {
      const subscription = await visible(caller, id, true);
      await ports.subscriptions.delete(subscription.id);
    },
    /** `page` is read only once the caller may see the subscription: a missing one is told so first. */
    async deliveries(
      caller: SubscriptionOwner,
      id: string,
      page: () => PageRequest,
    ): Promise<Page<Delivery>> {
      const subscription = await visible(caller, id, false);
      return ports.deliveries.list(subscription.id, page());
    },
  };
}

export type SubscriptionsService = ReturnType<typeof createSubscriptionsService>;
