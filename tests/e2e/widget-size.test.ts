// The website widget's size budgets, on the built files (dist/agent, built here when missing): the loader
// an ISP's every page downloads ≤ 5 KB gzip, and the widget's first load (the frame's index.html plus every
// script and stylesheet it references, modulepreloads and their static imports included) ≤ 60 KB gzip. Also:
// the loader's hand-written FrameToHost check agrees with the contract's zod schema (the loader cannot carry
// zod/mini within its budget), message by message.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseFrameToHost } from '../../app/widget/loader/guard';
import { buildAgentApp } from '../../scripts/lib/app-build';
import { ROOT } from '../../scripts/lib/stack';
import { FrameToHost } from '../../workers/contract/widget-bridge';

const DIST = join(ROOT, 'dist', 'agent');
const LOADER_BUDGET = 5 * 1024;
const FIRST_LOAD_BUDGET = 60 * 1024;

const gzipped = (bytes: Buffer) => gzipSync(bytes).length;

/** A URL path of the built site (`/widget/assets/x.js`, `/zod-jitless.js`) → its file in dist/agent. */
function fileOf(urlPath: string): string {
  const file = join(DIST, ...urlPath.replace(/^\//, '').split('/'));
  if (!existsSync(file)) throw new Error(`${urlPath} is referenced but not built (${file})`);
  return file;
}

/** Every script and stylesheet the frame's first load fetches: tags of index.html, then static imports. */
function firstLoadFiles(): string[] {
  const html = readFileSync(join(DIST, 'widget', 'index.html'), 'utf8');
  const refs = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] as string),
    ...[...html.matchAll(/<link\b[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="([^"]+)"/g)].map(
      (m) => m[1] as string,
    ),
    ...[...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="(?:stylesheet|modulepreload)"/g)].map(
      (m) => m[1] as string,
    ),
  ];
  const seen = new Set<string>();
  const queue = refs.map((r) => new URL(r, 'http://fio/widget/').pathname);
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    if (!path.endsWith('.js')) continue;
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`): a lazy import() is not first load.
    const code = readFileSync(fileOf(path), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      queue.push(posix.join(dirname(path), m[1] as string));
    }
  }
  return [...seen];
}

describe('website widget size budgets', () => {
  it('loader ≤ 5 KB gzip; widget first load ≤ 60 KB gzip', async () => {
    await buildAgentApp(ROOT);
    const loader = gzipped(readFileSync(join(DIST, 'widget.js')));
    const files = firstLoadFiles();
    const sizes = [
      {
        file: '/widget/frame/:id (index.html)',
        gzip: gzipped(readFileSync(join(DIST, 'widget', 'index.html'))),
      },
      ...files.map((f) => ({ file: f, gzip: gzipped(readFileSync(fileOf(f))) })),
    ];
    const firstLoad = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      [
        `widget.js (loader): ${loader} B gzip (budget ${LOADER_BUDGET})`,
        `widget first load: ${firstLoad} B gzip (budget ${FIRST_LOAD_BUDGET})`,
        ...sizes.map((s) => `  ${s.file}: ${s.gzip} B`),
      ].join('\n'),
    );
    expect(files.some((f) => f.startsWith('/widget/assets/') && f.endsWith('.js'))).toBe(true);
    expect(loader).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(firstLoad).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });

  it('the loader’s FrameToHost check accepts and rejects exactly what the contract’s schema does', () => {
    const messages: unknown[] = [
      { fio: 1, type: 'ready' },
      { fio: 1, type: 'open' },
      { fio: 1, type: 'close', extra: 'dropped' },
      { fio: 1, type: 'message', seq: 0, author: 'bot', preview: '' },
      { fio: 1, type: 'message', seq: 42, author: 'agent', preview: 'x'.repeat(200) },
      { fio: 1, type: 'message', seq: 42, author: 'agent', preview: 'x'.repeat(201) },
      { fio: 1, type: 'message', seq: -1, author: 'agent', preview: 'oi' },
      { fio: 1, type: 'message', seq: 1.5, author: 'agent', preview: 'oi' },
      { fio: 1, type: 'message', seq: Number.MAX_SAFE_INTEGER + 1, author: 'agent', preview: 'oi' },
      { fio: 1, type: 'message', seq: Number.NaN, author: 'agent', preview: 'oi' },
      { fio: 1, type: 'message', seq: '3', author: 'agent', preview: 'oi' },
      { fio: 1, type: 'message', seq: 3, author: 'customer', preview: 'oi' },
      { fio: 1, type: 'message', seq: 3, author: 'agent' },
      { fio: 1, type: 'message', seq: 3, author: 'agent', preview: 7 },
      { fio: 1, type: 'unread', count: 0 },
      { fio: 1, type: 'unread', count: 999 },
      { fio: 1, type: 'unread', count: 1000 },
      { fio: 1, type: 'unread', count: -1 },
      { fio: 1, type: 'unread', count: 2.5 },
      { fio: 1, type: 'unread', count: Number.POSITIVE_INFINITY },
      { fio: 1, type: 'unread' },
      { fio: 2, type: 'ready' },
      { fio: '1', type: 'ready' },
      { type: 'ready' },
      { fio: 1, type: 'identify', token: 'a.b.c' },
      { fio: 1, type: 'shutdown' },
      { fio: 1, type: 'READY' },
      { fio: 1 },
      null,
      undefined,
      'ready',
      1,
      [],
      [{ fio: 1, type: 'ready' }],
    ];
    for (const message of messages) {
      const zod = FrameToHost.safeParse(message);
      expect({ message, parsed: parseFrameToHost(message) }).toEqual({
        message,
        parsed: zod.success ? zod.data : null,
      });
    }
  });
});
