// Initial-load JS of the agent app: the module scripts and modulepreloads dist/agent/index.html names, plus
// the chunks they import statically (what the browser must fetch before first paint), raw and gzipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleResult {
  files: BundleFile[];
  bytes: number;
  gzipBytes: number;
  /** Other JS chunks in the build (lazy: loaded on demand, not on first paint), gzipped. */
  lazyGzipBytes: number;
  cssGzipBytes: number;
}

const ENTRY = /<script[^>]*type="module"[^>]*src="([^"]+)"/g;
const PRELOAD = /<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g;
const STYLESHEET = /<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g;
/** `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")` (lazy). */
const STATIC_IMPORT = /\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

const gz = (buf: Buffer) => gzipSync(buf).length;

export function measureBundle(distDir: string): BundleResult {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const queue = [...html.matchAll(ENTRY), ...html.matchAll(PRELOAD)].map((m) =>
    (m[1] ?? '').replace(/^\//, ''),
  );
  const seen = new Set<string>();
  const files: BundleFile[] = [];
  for (let i = 0; i < queue.length && i < 1_000; i++) {
    const path = posix.normalize(queue[i] ?? '');
    if (seen.has(path)) continue;
    seen.add(path);
    const buf = readFileSync(join(distDir, path));
    files.push({ path, bytes: buf.length, gzipBytes: gz(buf) });
    for (const m of buf.toString('utf8').matchAll(STATIC_IMPORT))
      queue.push(posix.join(posix.dirname(path), m[1] ?? ''));
  }
  const allJs = readdirSync(join(distDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const lazy = allJs.filter((p) => !seen.has(p));
  const css = [...html.matchAll(STYLESHEET)].map((m) => (m[1] ?? '').replace(/^\//, ''));
  const sum = (paths: string[]) => paths.reduce((n, p) => n + gz(readFileSync(join(distDir, p))), 0);
  return {
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
    lazyGzipBytes: sum(lazy),
    cssGzipBytes: sum(css),
  };
}
