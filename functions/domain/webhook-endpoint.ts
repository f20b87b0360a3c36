/**
 * A subscriber's endpoint as the domain reaches it: one POST, its answer, and the error for an
 * endpoint that could not be reached at all. adapters/webhook-client.ts implements it over
 * node:http, enforcing the URL policy on the address it connects to.
 */

export interface WebhookResponse {
  status: number;
  /** The first bytes of the body (up to the client's limit), as text. */
  body: string;
}

/** The endpoint could not be reached at all (refused address, DNS, TLS, connection, timeout). */
export class WebhookRequestError extends Error {
  /** True when the URL policy refused the address: not worth retrying as is. */
  readonly refused: boolean;
  constructor(message: string, refused = false) {
    super(message);
    this.name = 'WebhookRequestError';
    this.refused = refused;
  }
}

export interface WebhookClient {
  /** Resolves with any answer the endpoint gives; rejects with WebhookRequestError when there is none. */
  post(url: string, headers: Record<string, string>, body: string): Promise<WebhookResponse>;
}
