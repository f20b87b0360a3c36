/**
 * Where Distr may send webhooks: `https` URLs of public hosts only, so that a subscription cannot
 * make Distr call into its own network (SSRF). The URL is checked when a subscription is created,
 * and every address actually connected to is checked again at delivery time, so a hostname that
 * later resolves somewhere private (DNS rebinding) is refused too. The local server also allows
 * `http` to loopback, for receivers on the developer's machine; that is an explicit flag, never
 * inferred from the URL.
 */
import { isIP } from 'node:net';
import { textPolicyMessage } from './text-policy.ts';

/** The longest endpoint URL accepted, as browsers and most servers allow. */
export const MAX_URL_LENGTH = 2048;
export const URL_TOO_LONG = `the URL is longer than ${MAX_URL_LENGTH} characters`;

export interface WebhookUrlPolicy {
  /** Local server only: accept loopback addresses, over `http` as well as `https`. */
  allowLoopback: boolean;
}

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'shared (CGNAT)'
  | 'link-local'
  | 'unique local'
  | 'multicast'
  | 'unspecified'
  | 'documentation'
  | 'reserved';

type Range = [prefix: number[], bits: number, cls: AddressClass];

// IPv4 special-purpose ranges (IANA registry, RFC 6890 and successors).
const V4: Range[] = [
  [[0], 8, 'unspecified'],
  [[10], 8, 'private'],
  [[100, 64], 10, 'shared (CGNAT)'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'],
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'],
  [[192, 0, 2], 24, 'documentation'],
  [[192, 88, 99], 24, 'reserved'],
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'reserved'],
  [[198, 51, 100], 24, 'documentation'],
  [[203, 0, 113], 24, 'documentation'],
  [[224], 4, 'multicast'],
  [[240], 4, 'reserved'], // includes 255.255.255.255
];

// IPv6: only global unicast (2000::/3) can be public, less its special-purpose blocks.
const V6: Range[] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'reserved'], // discard-only
  [[0x20, 0x01, 0x00], 23, 'reserved'], // IETF protocol assignments, Teredo
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0x20, 0x02], 16, 'reserved'], // 6to4 (embeds an IPv4 address)
  [[0x3f, 0xff, 0x00], 20, 'documentation'],
  [[0xfc], 7, 'unique local'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'reserved'], // deprecated site-local
  [[0xff], 8, 'multicast'],
];

function inRange(bytes: number[], [prefix, bits]: Range): boolean {
  for (let i = 0; i < bits; i += 8) {
    const take = Math.min(8, bits - i);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i / 8] ?? 0) & mask) !== ((prefix[i / 8] ?? 0) & mask)) return false;
  }
  return true;
}

function v6Bytes(ip: string): number[] | undefined {
  let text = ip;
  // A trailing dotted quad (`::ffff:10.0.0.1`) becomes two hex groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = quad[1].split('.').map(Number);
    text = `${text.slice(0, -quad[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  const groups = [...left, ...fill, ...right];
  if (groups.length !== 8) return undefined;
  return groups.flatMap((g) => {
    const n = Number.parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/** What kind of address `ip` is, or undefined when it is not an IP address. */
export function classifyAddress(address: string): AddressClass | undefined {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 4) {
    const bytes = ip.split('.').map(Number);
    return V4.find((r) => inRange(bytes, r))?.[2] ?? 'public';
  }
  if (family !== 6) return undefined;
  const bytes = v6Bytes(ip);
  if (!bytes) return 'reserved';
  const first10 = bytes.slice(0, 10).every((b) => b === 0);
  if (first10 && bytes[10] === 0xff && bytes[11] === 0xff) {
    return classifyAddress(bytes.slice(12).join('.')); // IPv4-mapped
  }
  if (bytes.every((b) => b === 0)) return 'unspecified';
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) return 'loopback';
  // NAT64 (64:ff9b::/96) reaches the IPv4 address it embeds.
  if (inRange(bytes, [[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96, 'reserved'])) {
    return classifyAddress(bytes.slice(12).join('.'));
  }
  const special = V6.find((r) => inRange(bytes, r));
  if (special) return special[2];
  return (bytes[0] ?? 0) >> 5 === 0b001 ? 'public' : 'reserved';
}

const describe = (cls: AddressClass) => (cls === 'reserved' ? 'a reserved' : `a ${cls}`);

/** Why Distr must not connect to `address` for a URL of `protocol`; undefined when it may. */
export function refuseAddress(
  address: string,
  protocol: string,
  policy: WebhookUrlPolicy,
): string | undefined {
  const cls = classifyAddress(address);
  if (cls === undefined) return `${address} is not an IP address`;
  if (cls === 'loopback' && policy.allowLoopback) return undefined;
  if (cls !== 'public') return `${address} is ${describe(cls)} address`;
  if (protocol !== 'https:') return 'plain http is only allowed to loopback on the local server; use https';
  return undefined;
}

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Checks a subscription URL before any request is made to it. */
export function checkWebhookUrl(input: unknown, policy: WebhookUrlPolicy): UrlCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'the URL must be a string' };
  if (input.length > MAX_URL_LENGTH) return { ok: false, reason: URL_TOO_LONG };
  // The URL parser would drop or percent-encode these without a word: say so instead.
  const refused = textPolicyMessage(input, 'line');
  if (refused) return { ok: false, reason: refused };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `the scheme must be https (got ${url.protocol.slice(0, -1)})` };
  }
  if (url.username || url.password) return { ok: false, reason: 'the URL must not carry credentials' };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (classifyAddress(host) !== undefined) {
    const refused = refuseAddress(host, url.protocol, policy);
    return refused ? { ok: false, reason: refused } : { ok: true, url };
  }
  if (isLoopbackName(host)) {
    return policy.allowLoopback ? { ok: true, url } : { ok: false, reason: `${host} is a loopback name` };
  }
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      reason: 'the scheme must be https (plain http only to loopback on the local server)',
    };
  }
  // Single-label names resolve through search domains to internal hosts.
  if (!host.includes('.')) return { ok: false, reason: `${host} is not a fully qualified domain name` };
  return { ok: true, url };
}
