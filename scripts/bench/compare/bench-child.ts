// One side's bench as a child process: the checkout's own tsx runs the checkout's own script with the
// checkout as cwd (so its ROOT, stack and result files are its own). Its full output goes to a log file,
// its progress lines (stderr) also to ours with a prefix. Stopping it is its own lifecycle's job: it gets
// SIGTERM (tsx passes it on) and stops its stack; only if it hangs is its process group killed.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

const STOP_GRACE_MS = 60_000;

export interface BenchChild {
  pid: number;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export async function startBenchChild(opts: {
  root: string;
  script: string;
  env: Record<string, string>;
  logFile: string;
  prefix: string;
}): Promise<BenchChild> {
  const log = createWriteStream(opts.logFile);
  // Its own process group, so a terminal's Ctrl-C reaches it once, through our handler, not twice.
  const child = spawn(join(opts.root, 'node_modules', '.bin', 'tsx'), [opts.script], {
    cwd: opts.root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${opts.script} in ${opts.root}`);
  child.stdout.on('data', (chunk: Buffer) => log.write(chunk));
  let partial = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) process.stderr.write(`${opts.prefix} ${line}\n`);
  });
  child.once('close', () => {
    if (partial) process.stderr.write(`${opts.prefix} ${partial}\n`);
    log.end();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  return { pid, exited, stop };
}
