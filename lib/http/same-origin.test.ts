import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './same-origin';

const request = (values: Record<string, string>) => new Headers(values);

describe('isSameOrigin', () => {
  it('lets through requests without Origin (not a browser) and those from this host', () => {
    expect(isSameOrigin(request({ host: '127.0.0.1:3000' }), {})).toBe(true);
    expect(isSameOrigin(request({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), {})).toBe(true);
    expect(isSameOrigin(request({ host: 'jixiao.example.gov.cn', origin: 'https://jixiao.example.gov.cn' }), {})).toBe(
      true,
    );
    expect(
      isSameOrigin(request({ host: 'jixiao.example.gov.cn:443', origin: 'https://jixiao.example.gov.cn' }), {}),
    ).toBe(true);
  });

  it('refuses other sites, opaque origins and garbage', () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:3001', 'https://127.0.0.1', 'null', 'not a url'])
      expect(isSameOrigin(request({ host: '127.0.0.1:3000', origin }), {}), origin).toBe(false);
  });

  it('refuses what the browser calls cross-site, with or without an Origin; same-site and same-origin are judged by the Origin', () => {
    expect(isSameOrigin(request({ host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }), {})).toBe(false);
    const own = { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' };
    expect(isSameOrigin(request({ ...own, 'sec-fetch-site': 'cross-site' }), {})).toBe(false);
    for (const site of ['same-origin', 'same-site', 'none'])
      expect(isSameOrigin(request({ ...own, 'sec-fetch-site': site }), {}), site).toBe(true);
    const sibling = { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site' };
    expect(isSameOrigin(request(sibling), {})).toBe(false);
  });

  it('follows the proxy’s X-Forwarded-Host only behind TRUST_PROXY, and NEXTAUTH_URL above all', () => {
    const proxied = request({
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'jixiao.gov.cn',
      origin: 'https://jixiao.gov.cn',
    });
    expect(isSameOrigin(proxied, {})).toBe(false);
    expect(isSameOrigin(proxied, { TRUST_PROXY: '1' })).toBe(true);
    expect(isSameOrigin(proxied, { NEXTAUTH_URL: 'https://jixiao.gov.cn' })).toBe(true);
    expect(isSameOrigin(proxied, { NEXTAUTH_URL: 'http://jixiao.gov.cn' })).toBe(false);
    // NEXTAUTH_URL's default port is its origin's; a Host that matches the Origin does not beat NEXTAUTH_URL.
    expect(isSameOrigin(proxied, { NEXTAUTH_URL: 'https://jixiao.gov.cn:443/' })).toBe(true);
    const direct = request({ host: 'evil.example', origin: 'http://evil.example' });
    expect(isSameOrigin(direct, {})).toBe(true);
    expect(isSameOrigin(direct, { NEXTAUTH_URL: 'https://jixiao.gov.cn' })).toBe(false);
  });
});
