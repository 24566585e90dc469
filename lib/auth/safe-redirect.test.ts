import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safe-redirect';

describe('safeReturnPath (no open redirect after sign-in)', () => {
  it.each([
    ['/evaluations/3', '/evaluations/3'],
    ['/projects?year=2024#x', '/projects?year=2024#x'],
    ['//evil.example', '/projects'],
    ['/\\evil.example', '/projects'],
    ['/\t/evil.example', '/projects'],
    ['https://evil.example/', '/projects'],
    ['javascript:alert(1)', '/projects'],
    ['', '/projects'],
  ])('%j → %j', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it('ignores anything that is not a string', () => {
    expect(safeReturnPath(['/a', '/b'])).toBe('/projects');
    expect(safeReturnPath(undefined)).toBe('/projects');
  });
});
