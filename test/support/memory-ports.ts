/**
 * In-memory ports for the domain services' unit tests. Each behaves like its adapter where the
 * steps depend on it: conditional creates, a claim refused while delivered or leased, failures that
 * never downgrade a delivered record, pages newest first behind an opaque cursor.
 */
import { type AuditEntry, type AuditPort, type AuditSubject, byTime } from '../../functions/domain/audit.ts';
import type { Delivery, DeliveryKey, DeliveryMessage } from '../../functions/domain/delivery.ts';
import { invalidCursor } from '../../functions/domain/errors.ts';
import type {
  Claim,
  DeliveriesPort,
  DeliveryQueuePort,
  SecretsPort,
  SubscriptionsPort,
} from '../../functions/domain/notifier.ts';
import type { Subscription } from '../../functions/domain/subscription.ts';
import type {
  DeliveryListPort,
  Page,
  PageRequest,
  SubscriptionRepository,
} from '../../functions/domain/subscriptions-service.ts';
import type { WebhookClient, WebhookResponse } from '../../functions/domain/webhook-endpoint.ts';

/** A clock that stands still until told to move. */
export function manualClock(start: string | Date) {
  let now = new Date(start).getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, {
    advance(ms: number) {
      now += ms;
    },
  });
}

/** Items newest first, from the position a previous page's cursor names. */
function pageOf<T>(items: T[], { limit, cursor }: PageRequest): Page<T> {
  const from = cursor ? Number(cursor) : 0;
  if (!Number.isInteger(from) || from < 0 || from > items.length) throw invalidCursor();
  const next = from + limit;
  return { items: items.slice(from, next), ...(next < items.length ? { next: String(next) } : {}) };
}

export function memorySubscriptions(
  stored: Array<{ subscription: Subscription; secret?: string }> = [],
): SubscriptionsPort & SecretsPort & SubscriptionRepository & { readonly listed: number } {
  const subscriptions = new Map(stored.map((s) => [s.subscription.id, s.subscription]));
  const secrets = new Map(stored.flatMap((s) => (s.secret ? [[s.subscription.id, s.secret]] : [])));
  const newestFirst = () =>
    [...subscriptions.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  let listed = 0;
  return {
    /** How many times the active subscriptions were read. */
    get listed() {
      return listed;
    },
    async listActive() {
      listed += 1;
      return newestFirst().map((s) => structuredClone(s));
    },
    async get(id) {
      const found = subscriptions.get(id);
      return found && structuredClone(found);
    },
    async signingSecret(id) {
      return secrets.get(id);
    },
    async put(subscription, secret) {
      if (subscriptions.has(subscription.id)) throw new Error(`${subscription.id} exists`);
      secrets.set(subscription.id, secret);
      subscriptions.set(subscription.id, structuredClone(subscription));
    },
    async listOf(owner, page) {
      const mine = newestFirst().filter((s) =>
        owner.role === 'mission' && owner.state
          ? s.owner.role === 'mission' && s.owner.state === owner.state
          : s.owner.tokenId === owner.tokenId,
      );
      return pageOf(mine, page);
    },
    async listAll(page) {
      return pageOf(newestFirst(), page);
    },
    async delete(id) {
      subscriptions.delete(id);
      secrets.delete(id);
    },
  };
}

type Stored = Delivery & { leaseUntil?: number };

export function memoryDeliveries(): DeliveriesPort &
  DeliveryListPort & { records: Map<string, Stored>; find(key: DeliveryKey): Stored | undefined } {
  const records = new Map<string, Stored>();
  const id = ({ subscriptionId, eventId }: DeliveryKey) => `${subscriptionId}#${eventId}`;
  const settle = (key: DeliveryKey, change: Partial<Stored>, remove: Array<keyof Stored> = []) => {
    const record = records.get(id(key));
    if (!record || record.status === 'delivered') return;
    const next: Stored = { ...record, ...change };
    for (const field of remove) delete next[field];
    records.set(id(key), next);
  };
  return {
    records,
    find: (key) => records.get(id(key)),
    async record({ now, ...delivery }) {
      if (records.has(id(delivery))) return false;
      const at = now.toISOString();
      records.set(id(delivery), {
        ...delivery,
        status: 'pending',
        attempts: 0,
        createdAt: at,
        updatedAt: at,
      });
      return true;
    },
    async claim(key, { now, leaseMs }): Promise<Claim> {
      const at = now.toISOString();
      const current = records.get(id(key));
      if (current && (current.status === 'delivered' || (current.leaseUntil ?? 0) >= now.getTime())) {
        return { claimed: false, delivery: structuredClone(current) };
      }
      const claimed: Stored = {
        status: 'pending',
        createdAt: at,
        ...current,
        subscriptionId: key.subscriptionId,
        eventId: key.eventId,
        eventType: current?.eventType ?? key.eventType,
        attempts: (current?.attempts ?? 0) + 1,
        updatedAt: at,
        leaseUntil: now.getTime() + leaseMs,
      };
      records.set(id(key), claimed);
      return { claimed: true, delivery: structuredClone(claimed) };
    },
    async markDelivered(key, { now, statusCode }) {
      const record = records.get(id(key));
      if (!record) return;
      const at = now.toISOString();
      const { leaseUntil: _lease, nextAttemptAt: _next, ...rest } = record;
      records.set(id(key), {
        ...rest,
        status: 'delivered',
        deliveredAt: at,
        updatedAt: at,
        lastStatusCode: statusCode,
      });
    },
    async markFailed(key, failure) {
      settle(
        key,
        {
          status: failure.status,
          lastError: failure.error,
          updatedAt: failure.now.toISOString(),
          ...(failure.statusCode !== undefined ? { lastStatusCode: failure.statusCode } : {}),
          ...(failure.nextAttemptAt ? { nextAttemptAt: failure.nextAttemptAt.toISOString() } : {}),
        },
        [
          'leaseUntil',
          ...(failure.statusCode === undefined ? (['lastStatusCode'] as const) : []),
          ...(failure.nextAttemptAt ? [] : (['nextAttemptAt'] as const)),
        ],
      );
    },
    async list(subscriptionId, page) {
      const mine = [...records.values()]
        .filter((d) => d.subscriptionId === subscriptionId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(({ leaseUntil: _lease, ...delivery }) => delivery);
      return pageOf(mine, page);
    },
  };
}

/** The deliveries queue: what was sent, and each delay asked for a received message. */
export function memoryDeliveryQueue(): DeliveryQueuePort & {
  sent: DeliveryMessage[];
  delays: Array<{ receipt: string; seconds: number }>;
} {
  const sent: DeliveryMessage[] = [];
  const delays: Array<{ receipt: string; seconds: number }> = [];
  return {
    sent,
    delays,
    async send(messages) {
      sent.push(...messages.map((m) => ({ ...m })));
    },
    async delay(receipt, seconds) {
      delays.push({ receipt, seconds });
    },
  };
}

export interface Post {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A webhook client that records each POST and answers as `answer` says (or throws what it throws). */
export function scriptedWebhooks(
  answer: (post: Post) => Promise<WebhookResponse> | WebhookResponse = () => ({ status: 200, body: '' }),
): WebhookClient & { posts: Post[] } {
  const posts: Post[] = [];
  return {
    posts,
    async post(url, headers, body) {
      const post = { url, headers, body };
      posts.push(post);
      return answer(post);
    },
  };
}

/** The audit trail in memory: an entry whose subject and key are there already is not added again. */
export function memoryAudit(): AuditPort & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  const same = (a: AuditSubject, b: AuditSubject) => a.kind === b.kind && a.id === b.id;
  return {
    entries,
    async record(recorded) {
      for (const entry of recorded) {
        if (!entries.some((e) => same(e.subject, entry.subject) && e.key === entry.key)) entries.push(entry);
      }
    },
    list: async (subject) => entries.filter((e) => same(e.subject, subject)).sort(byTime),
  };
}
