// One `wrangler dev` child (one workerd process) for one config, as a process group that can be stopped and
// started again on the same port and storage. scripts/lib/worker-process.ts composes one or two of these.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WRANGLER_OFFLINE_ENV } from './wrangler-env';
import { deprioritizeWrangler } from './wrangler-nice';

export interface WranglerChildOptions {
  root: string;
  /** The wrangler config (path relative to root, or absolute). */
  config: string;
  port: number;
  /** --persist-to: the processes of one stack share it (R2 and DO storage live under it). */
  persistDir: string;
  /** The env file with the vars and secrets (written by the caller, mode 0600). */
  envFile: string;
  /** The dev registry directory the processes of one stack find each other through (never the global one). */
  registryDir: string;
  logFile: string;
  /** Prefix for lines copied to our stdout (dev); unset: nothing echoed. */
  echoPrefix?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Whether this process runs the crons (`--test-scheduled` exposes /__scheduled on the HTTP Worker). */
  testScheduled?: boolean;
}

export interface WranglerChild {
  url: string;
  pid(): number | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function wranglerChild(opts: WranglerChildOptions): WranglerChild {
  const url = `http://127.0.0.1:${opts.port}`;
  let child: ChildProcess | null = null;

  /**
   * Starts wrangler dev, once more if workerd itself failed to boot. The cause, seen in CI about once in 60 stack
   * starts: the two processes of a stack boot at the same moment over one --persist-to folder, and both open
   * miniflare's own metadata.sqlite files (cache, KV, R2, D1); the loser gets SQLITE_BUSY and workerd exits. The
   * second attempt meets a process that has finished booting. A config error fails both attempts and still fails
   * the caller, with workerd's own stderr in the message.
   */
  async function start(): Promise<void> {
    try {
      await startOnce();
    } catch (err) {
      if (!(err instanceof RuntimeBootFailure)) throw err;
      // wrangler has exited; make sure nothing of its group (a workerd) still holds the port.
      if (child?.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      process.stderr.write(
        `wrangler dev on ${url}: workerd failed to boot, starting it again\n${err.message}\n`,
      );
      await new Promise((r) => setTimeout(r, 1_000));
      await startOnce();
    }
  }

  async function startOnce(): Promise<void> {
    mkdirSync(opts.registryDir, { recursive: true });
    // Where this attempt's lines start in the (appended) log: a failure is judged on its own lines only.
    const logFrom = existsSync(opts.logFile) ? statSync(opts.logFile).size : 0;
    const log = createWriteStream(opts.logFile, { flags: 'a' });
    const args = [
      'dev',
      '--config',
      opts.config,
      '--ip',
      '127.0.0.1',
      '--port',
      String(opts.port),
      '--persist-to',
      opts.persistDir,
      '--env-file',
      opts.envFile,
      '--inspector-port',
      '0',
      ...(opts.testScheduled ? ['--test-scheduled'] : []),
      '--show-interactive-dev-session=false',
      '--log-level',
      opts.logLevel ?? 'info',
    ];
    const proc = spawn(join(opts.root, 'node_modules/.bin/wrangler'), args, {
      cwd: opts.root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...WRANGLER_OFFLINE_ENV,
        FORCE_COLOR: '0',
        // Each stack has its own registry: two stacks on one machine (tests, benches, a dev session) never
        // resolve each other's `fio-objects`. Wrangler reads the first, miniflare the second.
        WRANGLER_REGISTRY_PATH: opts.registryDir,
        CLOUDFLARE_DEV_REGISTRY_PATH: opts.registryDir,
      },
    });
    child = proc;
    for (const stream of [proc.stdout, proc.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        log.write(chunk);
        if (opts.echoPrefix !== undefined) process.stdout.write(prefixLines(opts.echoPrefix, chunk));
      });
    }
    proc.on('exit', () => log.end());
    // Generous: on a machine shared with other work, bundling and booting workerd can take a minute.
    await waitForHealth(url, proc, 120_000, opts.logFile, logFrom);
    // Once its node processes exist (the shim's child is spawned at start-up); see wrangler-nice.ts.
    if (proc.pid !== undefined) deprioritizeWrangler(proc.pid);
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = null;
    // Already gone (crashed, or killed from outside: a signal leaves exitCode null but sets signalCode),
    // there is no 'exit' left to wait for.
    if (!proc || proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    killGroup(proc.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(proc.pid as number, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    // workerd children may outlive wrangler by a moment; make sure none keeps the port.
    killGroup(proc.pid, 'SIGKILL');
  }

  return { url, pid: () => child?.pid, start, stop };
}

function prefixLines(prefix: string, chunk: Buffer): string {
  if (!prefix) return chunk.toString();
  return chunk
    .toString()
    .split(/(?<=\n)/)
    .map((line) => `${prefix}${line}`)
    .join('');
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(
  url: string,
  proc: ChildProcess,
  timeoutMs: number,
  logFile: string,
  logFrom: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      const lines = attemptLog(logFile, logFrom);
      const message = `wrangler dev on ${url} exited (${proc.exitCode ?? proc.signalCode}); its log ends:\n${errorLines(lines)}`;
      throw lines.some((l) => BOOT_FAILURE.test(l)) ? new RuntimeBootFailure(message) : new Error(message);
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url}/health did not answer within ${timeoutMs} ms`);
}

/** workerd exited before it was ready, for a reason other than a taken port (see start()). */
class RuntimeBootFailure extends Error {}

/** workerd itself failed while booting (not wrangler reading a bad config): worth one more attempt. */
const BOOT_FAILURE = /Workers runtime failed to start|SQLITE_BUSY|database is locked/;

/** This attempt's lines of the log, colours removed (wrangler colours its errors even with FORCE_COLOR=0). */
function attemptLog(logFile: string, from: number): string[] {
  let text = '';
  try {
    text = readFileSync(logFile).subarray(from).toString('utf8');
  } catch {
    return ['(no log)'];
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
  return text.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
}

/**
 * Why the start failed (a test run's data folder is deleted, so the failure carries it): from the first
 * start-up failure on, because miniflare puts workerd's own stderr on the lines after its message; else the
 * last error lines, else the last lines.
 */
function errorLines(lines: string[]): string {
  const failure = lines.findIndex((l) =>
    /Uncaught exception|runtime failed to start|Address already in use/.test(l),
  );
  if (failure >= 0) return lines.slice(failure, failure + 40).join('\n');
  const errors = lines.filter((l) => /ERROR|Error:|✘/.test(l));
  return (errors.length > 0 ? errors.slice(-10) : lines.slice(-15)).join('\n');
}
