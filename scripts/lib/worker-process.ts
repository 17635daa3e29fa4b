// Runs Fio in workerd the way production runs it: the HTTP Worker (`fio`, wrangler.toml) and the Durable
// Objects (`fio-objects`, wrangler.objects.toml) as two `wrangler dev` processes, so each has its own workerd
// process and thread, joined through a dev registry private to this stack. FIO_TOPOLOGY=single (or
// `topology: 'single'`) runs the old one-process layout from a generated config, for debugging and as a
// fallback. stop/start/restart act on every process together: a deploy drops every socket. `httpProcesses` > 1
// starts more HTTP Worker processes on the same objects (the scale run spreads its sockets over them: each
// client socket costs about four descriptors in the HTTP Worker's workerd, and one process hits this machine's
// 20,000 open-file limit before 5,000 sockets; in production every connection lands on its own machine).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import {
  HTTP_CONFIG,
  OBJECTS_CONFIG,
  type Topology,
  topologyFromEnv,
  writeSingleConfig,
} from './wrangler-configs';
import { type WranglerChild, wranglerChild } from './wrangler-process';

export interface WorkerProcessOptions {
  root: string;
  port: number;
  /** The objects process's port (split layout; default: any free port). */
  objectsPort?: number;
  stateDir: string;
  vars: Record<string, string>;
  logFile: string;
  /** Also copy the Worker's output to our stdout (dev). */
  echo?: boolean;
  /** wrangler's own level: at info it also prints a line per request, a cost the benchmarks leave out. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Default: $FIO_TOPOLOGY, else split. */
  topology?: Topology;
  /** HTTP Worker processes in the split layout (default 1); the first runs the crons and owns `url`. */
  httpProcesses?: number;
}

export interface WorkerProcess {
  url: string;
  topology: Topology;
  /** The wrangler processes' ids, HTTP first (benchmarks sample their CPU and memory); empty when stopped. */
  pids(): { http?: number; objects?: number; moreHttp: number[] };
  /** Every HTTP Worker process's origin, `url` first (one unless `httpProcesses` asked for more). */
  httpUrls(): string[];
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export function workerProcess(opts: WorkerProcessOptions): WorkerProcess {
  const topology = opts.topology ?? topologyFromEnv();
  const url = `http://127.0.0.1:${opts.port}`;
  const envFile = join(opts.stateDir, 'worker.env');
  const common = {
    root: opts.root,
    persistDir: join(opts.stateDir, 'wrangler'),
    envFile,
    registryDir: join(opts.stateDir, 'registry'),
    logFile: opts.logFile,
    logLevel: opts.logLevel,
  };
  const httpProcesses = opts.httpProcesses ?? 1;
  if (httpProcesses > 1 && topology === 'single')
    throw new Error(
      'more than one HTTP Worker process needs the split layout (the objects in their own process)',
    );
  let http: WranglerChild | null = null;
  let objects: WranglerChild | null = null;
  // The extra HTTP processes: same config, storage, registry and secrets; no crons (the first one runs them).
  const moreHttp: WranglerChild[] = [];

  async function children(): Promise<{
    http: WranglerChild;
    objects: WranglerChild | null;
    moreHttp: WranglerChild[];
  }> {
    if (http) return { http, objects, moreHttp };
    if (topology === 'single') {
      http = wranglerChild({
        ...common,
        config: writeSingleConfig(opts.root),
        port: opts.port,
        testScheduled: true,
        echoPrefix: opts.echo ? '' : undefined,
      });
    } else {
      objects = wranglerChild({
        ...common,
        config: OBJECTS_CONFIG,
        port: opts.objectsPort ?? (await findFreePort()),
        echoPrefix: opts.echo ? '[objects] ' : undefined,
      });
      http = wranglerChild({
        ...common,
        config: HTTP_CONFIG,
        port: opts.port,
        testScheduled: true,
        echoPrefix: opts.echo ? '' : undefined,
      });
      for (let i = 1; i < httpProcesses; i++)
        moreHttp.push(
          wranglerChild({
            ...common,
            config: HTTP_CONFIG,
            port: await findFreePort(),
            echoPrefix: opts.echo ? `[http ${i + 1}] ` : undefined,
          }),
        );
    }
    return { http, objects, moreHttp };
  }

  async function start(): Promise<void> {
    mkdirSync(opts.stateDir, { recursive: true });
    // Secrets go through an env file (mode 0600), not the command line where `ps` would show them; both
    // scripts read the same one, as both get the same secrets in production.
    writeFileSync(
      envFile,
      Object.entries(opts.vars)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join('\n'),
      { mode: 0o600 },
    );
    const c = await children();
    // Both at once (each bundles and boots its own workerd: in sequence that doubled the start on a busy
    // machine); ready only when both answer /health, so no caller's first request meets a missing object.
    const started = await Promise.allSettled([c.objects?.start(), c.http.start()]);
    // The extra HTTP processes after those, one at a time: booting beside another process over the same
    // --persist-to is what races on miniflare's metadata files (wrangler-process.ts).
    for (const more of c.moreHttp) {
      if (started.some((r) => r.status === 'rejected')) break;
      started.push(...(await Promise.allSettled([more.start()])));
    }
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) {
      await stop();
      throw failed.reason;
    }
  }

  async function stop(): Promise<void> {
    for (const more of moreHttp) await more.stop();
    await http?.stop();
    await objects?.stop();
  }

  async function restart(): Promise<void> {
    await stop();
    await start();
  }

  return {
    url,
    topology,
    pids: () => ({
      http: http?.pid(),
      objects: objects?.pid(),
      moreHttp: moreHttp.flatMap((m) => m.pid() ?? []),
    }),
    httpUrls: () => [url, ...moreHttp.map((m) => m.url)],
    start,
    stop,
    restart,
  };
}
