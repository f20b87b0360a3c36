/**
 * A webhook subscription: where to POST and which documents. Its deliveries are signed with a
 * `whsec_…` secret, shown once on creation and kept apart from it (subscription-store.ts). It is stored only once its endpoint has answered the verification challenge, so every
 * stored subscription is active until it is deleted.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SubscriptionFilters } from './subscription-filters.ts';
import type { Role } from './tokens.ts';

export type SubscriptionStatus = 'active';

/** Who created a subscription: the token, and for a mission the State it speaks for. */
export interface SubscriptionOwner {
  role: Role;
  tokenId: string;
  state?: string;
}

export interface Subscription {
  id: string;
  url: string;
  filters: SubscriptionFilters;
  status: SubscriptionStatus;
  owner: SubscriptionOwner;
  createdAt: string;
}

export const subscriptionIdSchema = z
  .string()
  .regex(/^sub_[0-9a-f]{24}$/, { error: 'is not a subscription id (sub_ and 24 hex digits)' });

export const newSubscriptionId = (): string => `sub_${randomBytes(12).toString('hex')}`;
export const isSubscriptionId = (value: unknown): value is string =>
  subscriptionIdSchema.safeParse(value).success;

/**
 * Whether `caller` may manage (read, delete) a subscription: the token that created it, or any
 * token of the same mission, since a mission's tokens speak for one State.
 */
export function ownsSubscription(
  caller: { role: Role; tokenId: string; state?: string },
  owner: SubscriptionOwner,
) {
  if (caller.tokenId === owner.tokenId) return true;
  return (
    caller.role === 'mission' && owner.role === 'mission' && !!caller.state && caller.state === owner.state
  );
}

/** The subscription as the API shows it: never the secret. */
export function publicView(subscription: Subscription) {
  const { id, url, filters, status, createdAt } = subscription;
  return { id, url, filters, status, createdAt };
}
