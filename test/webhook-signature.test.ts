import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  generateWebhookSecret,
  isWebhookSecret,
  signWebhook,
} from '../functions/domain/webhook-signature.ts';

// The reference vector of the Standard Webhooks test suites (the same in every official library).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks signing', () => {
  it('reproduces the specification’s reference signature', () => {
    const headers = signWebhook(VECTOR.secret, VECTOR.id, new Date(VECTOR.timestamp * 1000), VECTOR.body);
    expect(headers).toEqual({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': String(VECTOR.timestamp),
      'webhook-signature': VECTOR.signature,
    });
  });

  it('is HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the decoded secret bytes', () => {
    const secret = generateWebhookSecret();
    const at = new Date('2025-06-19T10:00:00.750Z');
    const body = JSON.stringify({ type: 'document.distributed', title: 'Lettre datée du 16 juin 2025 – ١٩' });
    const headers = signWebhook(secret, 'evt_1', at, body);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`evt_1.${Math.floor(at.getTime() / 1000)}.${body}`)
      .digest('base64');
    expect(headers['webhook-timestamp']).toBe('1750327200');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('verifies with the reference library, and fails for another body or secret', () => {
    const secret = generateWebhookSecret();
    const body = '{"a":1}';
    const headers = signWebhook(secret, 'msg_x', new Date(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual({ a: 1 });
    expect(() => new Webhook(secret).verify('{"a":2}', { ...headers })).toThrow(/No matching signature/);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow(
      /No matching signature/,
    );
  });

  it('generates whsec_ secrets of 32 random bytes, never the same twice', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateWebhookSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
      expect(isWebhookSecret(secret)).toBe(true);
    }
    expect(isWebhookSecret('whsec_c2hvcnQ=')).toBe(false); // 5 bytes
    expect(isWebhookSecret(VECTOR.secret.slice(6))).toBe(false);
  });
});
