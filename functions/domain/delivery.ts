/**
 * One webhook delivery: one event to one subscription. Its record is created once (keyed by event
 * id and subscription id, so a redelivered event cannot make a second one), a sender claims it
 * before each attempt, and once `delivered` it is never sent again. Failures are retried with
 * growing delays; the last allowed attempt parks it.
 */

export const DELIVERY_STATUSES = ['pending', 'delivered', 'retrying', 'parked'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What names a delivery: one event to one subscription. */
export interface DeliveryKey {
  subscriptionId: string;
  eventId: string;
}

export interface Delivery extends DeliveryKey {
  eventType: string;
  status: DeliveryStatus;
  /** Attempts made so far (each claim is one attempt). */
  attempts: number;
  lastError?: string;
  /** HTTP status of the last answer, when there was one. */
  lastStatusCode?: number;
  createdAt: string;
  updatedAt: string;
  deliveredAt?: string;
  nextAttemptAt?: string;
}

/** The deliveries queue's message: what to send, to whom. */
export interface DeliveryMessage {
  subscriptionId: string;
  eventId: string;
  /** The exact payload to POST (the event), so a retry sends the same bytes. */
  payload: string;
}

export function parseDeliveryMessage(body: string): DeliveryMessage | undefined {
  try {
    const m = JSON.parse(body) as Partial<DeliveryMessage>;
    if (
      typeof m.subscriptionId === 'string' &&
      typeof m.eventId === 'string' &&
      typeof m.payload === 'string'
    ) {
      return { subscriptionId: m.subscriptionId, eventId: m.eventId, payload: m.payload };
    }
  } catch {
    // fall through: not a delivery message
  }
  return undefined;
}

/** The event type a delivery's payload announces, as its record shows it. */
export function eventTypeOf(payload: string): string {
  return String((JSON.parse(payload) as { type?: unknown }).type ?? 'unknown');
}

/** Whether an endpoint's answer counts as received: any 2xx. */
export const isAccepted = (status: number): boolean => status >= 200 && status < 300;

/** SQS caps a message's visibility timeout at 12 hours. */
const MAX_DELAY_SECONDS = 12 * 60 * 60;

/**
 * How long to wait before the next attempt after `attempt` failed (1-based): `base × 4^(attempt-1)`,
 * capped at 12 hours. With the default 30 s and six attempts: 30 s, 2 min, 8 min, 32 min, ~2 h 8 min.
 */
export function retryDelaySeconds(attempt: number, baseSeconds: number): number {
  return Math.min(MAX_DELAY_SECONDS, Math.round(baseSeconds * 4 ** Math.max(0, attempt - 1)));
}

/** A short, single-line account of a failed attempt, as subscribers see it in `lastError`. */
export function describeFailure(failure: { status?: number; body?: string; error?: string }): string {
  const text = (
    failure.error ?? `the endpoint answered ${failure.status}${failure.body ? `: ${failure.body}` : ''}`
  )
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** A failed attempt as its record keeps it. */
export interface FailedAttempt {
  now: Date;
  status: Extract<DeliveryStatus, 'retrying' | 'parked'>;
  error: string;
  /** HTTP status of the answer, when there was one. */
  statusCode?: number;
  /** Absent once parked. */
  nextAttemptAt?: Date;
}

export interface AttemptFailed {
  /** `parked` on the attempt the queue allows last, else `retrying`. */
  status: Extract<DeliveryStatus, 'retrying' | 'parked'>;
  /** Seconds until the message appears again: the retry delay, or (parked) at once, for the dead-letter queue. */
  delaySeconds: number;
}

/**
 * What follows a failed attempt, the `receiveCount`-th of at most `maxReceiveCount`. The delay is at
 * least 1 s: the local stand-in fails a visibility change to 0 on a persistent queue, and 1 s costs
 * nothing.
 */
export function afterFailedAttempt(
  receiveCount: number,
  { maxReceiveCount, retryBaseSeconds }: { maxReceiveCount: number; retryBaseSeconds: number },
): AttemptFailed {
  const last = receiveCount >= maxReceiveCount;
  return {
    status: last ? 'parked' : 'retrying',
    delaySeconds: Math.max(1, last ? 0 : retryDelaySeconds(receiveCount, retryBaseSeconds)),
  };
}
