import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPathFor } from './safe-redirect';

const SAME_SITE_PATHS = [
  '/evaluations/3',
  '/projects?year=2024#x',
  '/projects?next=%2F%2Fnot-a-host',
  '/javascript:alert(1)',
];

describe('safeReturnPath (no open redirect after sign-in)', () => {
  it.each(SAME_SITE_PATHS)('keeps the same-site path %j as it is', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it('keeps a same-site path with dot segments resolved', () => {
    expect(safeReturnPath('/admin/./users')).toBe('/admin/users');
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\u0000/evil.example',
    '/\u007f/evil.example',
    '/\u2028/evil.example',
    '/./evil.example/../..//evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/%2e%2e//evil.example',
    '/%2E//evil.example',
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    '/%5Cevil.example',
    '/%5C%5Cevil.example',
    '/%252F%252Fevil.example',
    '/%09/evil.example',
    '///evil.example',
    'https://evil.example/',
    'https:evil.example',
    'http:/evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    ' /evil.example',
    'evil.example',
    '',
    `/${'a'.repeat(2100)}`,
  ])('refuses %j', (input) => {
    expect(safeReturnPath(input)).toBe('/projects');
  });

  it('never returns anything a browser reads as another host', () => {
    const tricks = ['/', '\\', '.', '%2F', '%5C', '%2e', '\t', '%09', 'evil.example', ':', '@'];
    for (const a of tricks)
      for (const b of tricks)
        for (const c of tricks) {
          const result = safeReturnPath(`/${a}${b}${c}`);
          expect(new URL(result, 'http://app.internal').origin, `/${a}${b}${c} → ${result}`).toBe(
            'http://app.internal',
          );
          expect(result).not.toMatch(/^[/\\]{2}|^\/\\/);
        }
  });

  it('ignores anything that is not a string', () => {
    expect(safeReturnPath(['/a', '/b'])).toBe('/projects');
    expect(safeReturnPath(undefined)).toBe('/projects');
  });
});

describe('signInPathFor', () => {
  it('remembers a deep link', () => {
    expect(signInPathFor('/evaluations/3')).toBe('/login?callbackUrl=%2Fevaluations%2F3');
    expect(signInPathFor('/projects?year=2024')).toBe('/login?callbackUrl=%2Fprojects%3Fyear%3D2024');
  });

  it.each(['/.//evil.example', '/', null])('drops %j, which is not a safe path to return to', (path) => {
    expect(signInPathFor(path)).toBe('/login');
  });
});
