/**
 * Proof that a subscriber controls its endpoint before anything is sent there: Distr POSTs
 * `{"type": "subscription.verification", "challenge": "<random>"}`, signed like any delivery, and
 * the endpoint must answer 200 with `{"challenge": "<the same value>"}`.
 */
import { randomBytes } from 'node:crypto';

export const VERIFICATION_TYPE = 'subscription.verification';

export interface VerificationRequest {
  /** The `webhook-id` of the request. */
  id: string;
  challenge: string;
  body: string;
}

export function verificationRequest(): VerificationRequest {
  const challenge = randomBytes(24).toString('base64url');
  return {
    id: `msg_verify_${randomBytes(12).toString('hex')}`,
    challenge,
    body: JSON.stringify({ type: VERIFICATION_TYPE, challenge }),
  };
}

/** Why the endpoint's answer does not prove control of it; undefined when it does. */
export function verificationFailure(
  challenge: string,
  response: { status: number; body: string },
): string | undefined {
  if (response.status !== 200) return `the endpoint answered ${response.status}, not 200`;
  let answer: unknown;
  try {
    answer = JSON.parse(response.body);
  } catch {
    return 'the endpoint did not answer with JSON';
  }
  if ((answer as { challenge?: unknown })?.challenge !== challenge) {
    return 'the endpoint did not echo the challenge (expected {"challenge": "<the value sent>"})';
  }
  return undefined;
}
