// The public API's OpenAPI document as the running Worker serves it, checked by an independent OpenAPI 3.1
// schema validator (in Node: the validator compiles JSON Schema to code, which workerd does not allow), and
// its reference page as a browser-free client fetches it. The route-by-route checks are in
// tests/workerd/api-v1.test.ts.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { startE2eStack } from './stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startE2eStack('api-v1-openapi');
});
afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await fetch(`${stack.workerUrl}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(10);
  });

  it('serves the reference page with its own style and no script', async () => {
    const res = await fetch(`${stack.workerUrl}/api/v1/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-/);
    expect(csp).not.toMatch(/script-src|unsafe/);
    const html = await res.text();
    expect(html).toContain('Contatos · Contacts');
    expect(html).toContain('/api/v1/contacts');
  });
});
