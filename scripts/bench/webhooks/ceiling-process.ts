// Runs the ceiling Worker (ceiling/wrangler.toml) with `wrangler dev`, flags as Fio's own worker-process.ts
// uses (same log level and wrangler environment too, so both pay wrangler's per-request costs alike), as a
// process group stopped whole.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../lib/stack';
import { WRANGLER_OFFLINE_ENV } from '../../lib/wrangler-env';
import { benchLogLevel } from '../config';

const CONFIG = join(dirname(fileURLToPath(import.meta.url)), 'ceiling', 'wrangler.toml');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

export interface CeilingWorker {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitReady(url: string, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`ceiling wrangler dev exited with code ${proc.exitCode}`);
    try {
      if ((await fetch(url, { method: 'POST', body: '{}' })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the ceiling Worker did not answer ${url} within ${START_TIMEOUT_MS} ms`);
}

export async function startCeiling(opts: { port: number; stateDir: string }): Promise<CeilingWorker> {
  mkdirSync(opts.stateDir, { recursive: true });
  const log = createWriteStream(join(opts.stateDir, 'wrangler.log'), { flags: 'a' });
  const args = [
    'dev',
    '--config',
    CONFIG,
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--persist-to',
    join(opts.stateDir, 'wrangler'),
    '--inspector-port',
    '0',
    '--show-interactive-dev-session=false',
    '--log-level',
    benchLogLevel(),
  ];
  const proc = spawn(join(ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...WRANGLER_OFFLINE_ENV, NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0' },
  });
  for (const stream of [proc.stdout, proc.stderr]) stream?.on('data', (chunk: Buffer) => log.write(chunk));
  proc.on('exit', () => log.end());
  const pid = proc.pid;
  if (pid === undefined) throw new Error('could not start wrangler dev for the ceiling Worker');
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    killGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    // workerd may outlive wrangler by a moment; make sure none keeps the port.
    killGroup(pid, 'SIGKILL');
  };
  const url = `http://127.0.0.1:${opts.port}`;
  try {
    await waitReady(url, proc);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid, stop };
}
