// Runs the durable floor (floor/: an HTTP script and an objects script) as two `wrangler dev` processes joined by
// a registry of their own, started the way Fio's split stack starts its two (scripts/lib/wrangler-process.ts:
// same flags, log level, env file for the secret, wrangler's node processes deprioritised alike).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../../lib/free-port';
import { ROOT } from '../../lib/stack';
import { wranglerChild } from '../../lib/wrangler-process';
import { benchLogLevel } from '../config';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'floor');

export interface FloorWorker {
  url: string;
  /** The two wrangler processes (HTTP first), for the CPU table; undefined once stopped. */
  pids(): { http?: number; objects?: number };
  stop(): Promise<void>;
}

export async function startFloor(opts: {
  port: number;
  stateDir: string;
  appSecret: string;
}): Promise<FloorWorker> {
  mkdirSync(opts.stateDir, { recursive: true });
  const envFile = join(opts.stateDir, 'floor.env');
  writeFileSync(envFile, `APP_SECRET=${JSON.stringify(opts.appSecret)}\n`, { mode: 0o600 });
  const common = {
    root: ROOT,
    persistDir: join(opts.stateDir, 'wrangler'),
    envFile,
    registryDir: join(opts.stateDir, 'registry'),
    logFile: join(opts.stateDir, 'wrangler.log'),
    logLevel: benchLogLevel(),
  };
  const objects = wranglerChild({ ...common, config: join(DIR, 'objects.toml'), port: await findFreePort() });
  const http = wranglerChild({ ...common, config: join(DIR, 'http.toml'), port: opts.port });
  const stop = async () => {
    await Promise.all([http.stop(), objects.stop()]);
  };
  // One after the other: two processes booting over one --persist-to race on miniflare's metadata files.
  try {
    await objects.start();
    await http.start();
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: http.url, pids: () => ({ http: http.pid(), objects: objects.pid() }), stop };
}
