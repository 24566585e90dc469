import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  newNonce,
  requestHost,
  requestIsHttps,
  responseSecurityHeaders,
} from './security-headers';

const headers = (values: Record<string, string>) => new Headers(values);

describe('how a request is seen from outside', () => {
  it('is HTTPS when the public URL is https, or when a trusted proxy says so; never on the client’s word', () => {
    const claimed = headers({ 'x-forwarded-proto': 'https' });
    expect(requestIsHttps(claimed, {})).toBe(false);
    expect(requestIsHttps(claimed, { TRUST_PROXY: '1' })).toBe(true);
    expect(requestIsHttps(headers({ 'x-forwarded-proto': 'HTTPS, http' }), { TRUST_PROXY: '1' })).toBe(true);
    expect(requestIsHttps(headers({ 'x-forwarded-proto': 'http' }), { TRUST_PROXY: '1' })).toBe(false);
    expect(requestIsHttps(headers({}), { TRUST_PROXY: '1' })).toBe(false);
    expect(requestIsHttps(headers({}), { NEXTAUTH_URL: 'https://jixiao.example.gov.cn' })).toBe(true);
    expect(requestIsHttps(claimed, { NEXTAUTH_URL: 'http://jixiao.example.gov.cn' })).toBe(false);
  });

  it('names the Host the client asked for, or the proxy’s X-Forwarded-Host behind TRUST_PROXY', () => {
    const both = headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.example' });
    expect(requestHost(both, {})).toBe('127.0.0.1:3000');
    expect(requestHost(both, { TRUST_PROXY: '1' })).toBe('evil.example');
    expect(requestHost(headers({ host: 'localhost:3000' }), { TRUST_PROXY: '1' })).toBe('localhost:3000');
  });
});

describe('response headers', () => {
  it("allows scripts from this site and with this response's nonce only", () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123==' });
    expect(csp.split('; ')).toContain("script-src 'self' 'nonce-abc123=='");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|strict-dynamic|\*/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ nonce: 'abc123==', dev: true })).toContain("'unsafe-eval'");
  });

  it('sends HSTS only over HTTPS and no-store only on API answers', () => {
    expect(responseSecurityHeaders({ csp: 'x', https: false, api: false })).toEqual({ 'Content-Security-Policy': 'x' });
    expect(responseSecurityHeaders({ csp: 'x', https: true, api: true })).toEqual({
      'Content-Security-Policy': 'x',
      'Strict-Transport-Security': 'max-age=31536000',
      'Cache-Control': 'no-store',
    });
  });

  it('makes a new 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
