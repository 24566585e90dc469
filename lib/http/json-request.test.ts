import { describe, expect, it } from 'vitest';
import { readJsonRequest } from './json-request';

const post = (headers: Record<string, string>, body = '{"a":1}') =>
  new Request('http://127.0.0.1:3000/api/evaluations/1', { method: 'POST', headers, body });
const JSON_TYPE = { 'content-type': 'application/json', host: '127.0.0.1:3000' };

describe('the write API request check', () => {
  it('takes a JSON body with or without an Origin of this site', async () => {
    expect(await readJsonRequest(post(JSON_TYPE), {})).toEqual({ ok: true, body: { a: 1 } });
    const own = post({ ...JSON_TYPE, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' });
    expect(await readJsonRequest(own, {})).toEqual({ ok: true, body: { a: 1 } });
  });

  it('refuses a cross-origin browser request, a non-JSON body and broken JSON', async () => {
    expect(await readJsonRequest(post({ ...JSON_TYPE, origin: 'http://evil.example' }), {})).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await readJsonRequest(post({ ...JSON_TYPE, 'sec-fetch-site': 'cross-site' }), {})).toMatchObject({
      status: 403,
    });
    expect(await readJsonRequest(post({ ...JSON_TYPE, origin: 'null' }), {})).toMatchObject({ status: 403 });
    const form = post({ 'content-type': 'application/x-www-form-urlencoded', host: '127.0.0.1:3000' }, 'a=1');
    expect(await readJsonRequest(form, {})).toMatchObject({ ok: false, status: 415 });
    expect(await readJsonRequest(post(JSON_TYPE, '{"a":'), {})).toMatchObject({ ok: false, status: 400 });
  });

  it('behind a trusted proxy the forwarded host is the one an Origin must name', async () => {
    const headers = {
      ...JSON_TYPE,
      'x-forwarded-host': 'jixiao.example.gov.cn',
      origin: 'https://jixiao.example.gov.cn',
    };
    expect(await readJsonRequest(post(headers), { TRUST_PROXY: '1' })).toMatchObject({ ok: true });
    expect(await readJsonRequest(post(headers), {})).toMatchObject({ ok: false, status: 403 });
  });
});
