import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, classifyAddress, refuseAddress } from '../functions/domain/webhook-url-policy.ts';

const deployed = { allowLoopback: false };
const local = { allowLoopback: true };

describe('address classes', () => {
  it.each([
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['203.0.113.7', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::a9fe:a9fe', 'link-local'], // NAT64 of 169.254.169.254
    ['64:ff9b::808:808', 'public'],
    ['fc00::1', 'unique local'],
    ['fd12:3456:789a::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'reserved'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'reserved'], // Teredo
    ['2002:a00:1::1', 'reserved'], // 6to4
    ['100::1', 'reserved'],
    ['::2', 'reserved'],
    ['4000::1', 'reserved'],
  ])('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it('says when a string is not an address', () => {
    expect(classifyAddress('example.org')).toBeUndefined();
  });
});

describe('addresses connected to', () => {
  it('allows public addresses over https only', () => {
    expect(refuseAddress('93.184.216.34', 'https:', deployed)).toBeUndefined();
    expect(refuseAddress('93.184.216.34', 'http:', deployed)).toMatch(/use https/);
    expect(refuseAddress('93.184.216.34', 'http:', local)).toMatch(/use https/);
  });

  it('allows loopback only with the local flag, over http or https', () => {
    expect(refuseAddress('127.0.0.1', 'http:', deployed)).toBe('127.0.0.1 is a loopback address');
    expect(refuseAddress('::1', 'https:', deployed)).toBe('::1 is a loopback address');
    expect(refuseAddress('127.0.0.1', 'http:', local)).toBeUndefined();
    expect(refuseAddress('::1', 'https:', local)).toBeUndefined();
  });

  it('refuses private ranges even with the local flag', () => {
    expect(refuseAddress('10.0.0.5', 'http:', local)).toBe('10.0.0.5 is a private address');
    expect(refuseAddress('169.254.169.254', 'https:', local)).toBe('169.254.169.254 is a link-local address');
    expect(refuseAddress('fd00::1', 'https:', local)).toBe('fd00::1 is a unique local address');
  });
});

describe('subscription URLs', () => {
  it('accepts https URLs of fully qualified names', () => {
    const checked = checkWebhookUrl('https://hooks.example.org/distr?x=1', deployed);
    expect(checked).toMatchObject({ ok: true });
    if (checked.ok) expect(checked.url.href).toBe('https://hooks.example.org/distr?x=1');
  });

  it.each([
    ['http://hooks.example.org/', /scheme must be https/],
    ['ftp://hooks.example.org/', /scheme must be https \(got ftp\)/],
    ['https://user:pw@hooks.example.org/', /credentials/],
    ['https://10.0.0.1/', /private address/],
    ['https://127.0.0.1/', /loopback address/],
    ['https://2130706433/', /127\.0\.0\.1 is a loopback address/], // decimal IPv4
    ['https://0x7f.1/', /loopback address/],
    ['https://[::1]/', /loopback address/],
    ['https://[::ffff:169.254.169.254]/', /link-local address/],
    ['https://[fd00::1]/', /unique local address/],
    ['https://100.64.1.1/', /CGNAT/],
    ['https://224.0.0.1/', /multicast/],
    ['https://localhost/', /loopback name/],
    ['https://api.localhost/', /loopback name/],
    ['https://intranet/', /not a fully qualified/],
    ['not a url', /not an absolute URL/],
    [42, /must be a string/],
    [`https://example.org/${'a'.repeat(2100)}`, /longer than 2048/],
  ])('refuses %s when deployed', (url, reason) => {
    const checked = checkWebhookUrl(url, deployed);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toMatch(reason);
  });

  it('accepts http to loopback only with the local flag', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost:9000/', 'http://[::1]:81/']) {
      expect(checkWebhookUrl(url, local).ok).toBe(true);
      expect(checkWebhookUrl(url, deployed).ok).toBe(false);
    }
    expect(checkWebhookUrl('http://hooks.example.org/', local)).toMatchObject({ ok: false });
    expect(checkWebhookUrl('http://10.0.0.1/', local)).toMatchObject({ ok: false });
  });
});

describe('characters a URL cannot hold as typed', () => {
  // The URL parser would drop a tab or newline and percent-encode the rest without a word.
  it.each([
    ['https://hooks.example.org/\u202Egnp.exe', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['https://hooks.exa\tmple.org/distr', 'U+0009 CHARACTER TABULATION'],
    ['https://hooks.example.org/distr\n', 'U+000A LINE FEED'],
    ['\u0000https://hooks.example.org/', 'U+0000 NULL'],
    ['https://hooks.example.org/\u200Bdistr', 'U+200B ZERO WIDTH SPACE'],
  ])('refuses %j, naming %s', (url, named) => {
    const checked = checkWebhookUrl(url, deployed);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.reason).toMatch(
      new RegExp(`^contains ${named.replace('+', '\\+')} at position`),
    );
  });
});
