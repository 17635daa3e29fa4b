// Runs the Worker and its Durable Objects in workerd through `wrangler dev`, as a child process group that
// can be stopped and started again on the same port and storage (a "deploy": every socket drops).
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WRANGLER_OFFLINE_ENV } from './wrangler-env';

export interface WorkerProcessOptions {
  root: string;
  port: number;
  stateDir: string;
  vars: Record<string, string>;
  logFile: string;
  /** Also copy the Worker's output to our stdout (dev). */
  echo?: boolean;
  /** wrangler's own level: at info it also prints a line per request, a cost the benchmarks leave out. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export interface WorkerProcess {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export function workerProcess(opts: WorkerProcessOptions): WorkerProcess {
  const url = `http://127.0.0.1:${opts.port}`;
  const envFile = join(opts.stateDir, 'worker.env');
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    mkdirSync(opts.stateDir, { recursive: true });
    // Secrets go through an env file (mode 0600), not the command line where `ps` would show them.
    writeFileSync(
      envFile,
      Object.entries(opts.vars)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join('\n'),
      { mode: 0o600 },
    );
    const log = createWriteStream(opts.logFile, { flags: 'a' });
    const args = [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(opts.port),
      '--persist-to',
      join(opts.stateDir, 'wrangler'),
      '--env-file',
      envFile,
      '--inspector-port',
      '0',
      '--test-scheduled',
      '--show-interactive-dev-session=false',
      '--log-level',
      opts.logLevel ?? 'info',
    ];
    const proc = spawn(join(opts.root, 'node_modules/.bin/wrangler'), args, {
      cwd: opts.root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...WRANGLER_OFFLINE_ENV, FORCE_COLOR: '0' },
    });
    child = proc;
    for (const stream of [proc.stdout, proc.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        log.write(chunk);
        if (opts.echo) process.stdout.write(chunk);
      });
    }
    proc.on('exit', () => log.end());
    await waitForHealth(url, proc, 60_000);
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.pid === undefined) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    killGroup(proc.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(proc.pid as number, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    // workerd children may outlive wrangler by a moment; make sure none keeps the port.
    killGroup(proc.pid, 'SIGKILL');
  }

  async function restart(): Promise<void> {
    await stop();
    await start();
  }

  return { url, start, stop, restart };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(url: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null)
      throw new Error(`wrangler dev exited with code ${proc.exitCode} (see its log)`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Worker did not answer ${url}/health within ${timeoutMs} ms`);
}
