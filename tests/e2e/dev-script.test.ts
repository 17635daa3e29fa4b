// `npm run dev` as a user runs it: prints URLs and logins (and the bot's simulators and customers to try), serves the product, and Ctrl-C (SIGINT) stops
// every child process. Also with DATABASE_URL pointing at an existing Postgres instead of the embedded one.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort } from '../../scripts/lib/free-port';
import { startPostgresCluster } from '../../scripts/lib/postgres-cluster';
import { ROOT } from '../../scripts/lib/stack';
import { testDataDir } from '../support/test-data';
import { eventually } from './stack';

let child: ChildProcess | null = null;
afterEach(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
});

async function runDev(dataDir: string, extraEnv: Record<string, string> = {}) {
  const port = await findFreePort();
  let output = '';
  child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/dev.ts', '--fresh'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, PORT: String(port), FIO_DATA_DIR: dataDir, FIO_QUIET: '1', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  // Two wrangler processes (HTTP and objects), the app build and the simulators: slow on a busy machine.
  await eventually('dev stack started', () => output.includes('Fio is running.'), 240_000);
  return { url: `http://127.0.0.1:${port}`, output: () => output };
}

/** Processes (other than this test runner) whose command line mentions `needle`. */
function processesMentioning(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(needle) && !l.includes('ps -eo'));
}

async function stopWithCtrlC(): Promise<number | null> {
  const proc = child as ChildProcess;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  process.kill(proc.pid as number, 'SIGINT');
  return exited;
}

describe('npm run dev', () => {
  it('starts the embedded product, prints URLs and logins, and stops every child on Ctrl-C', async () => {
    const dataDir = testDataDir('e2e', 'dev-embedded');
    const dev = await runDev(dataDir);
    expect(dev.output()).toContain(dev.url);
    expect(dev.output()).toContain('admin@demo.fio.local');
    expect(dev.output()).toContain('(embedded)');
    // The bot's simulators and the two providers, and the ERP customers to try.
    expect(dev.output()).toMatch(/ERP simulator +http:\/\/127\.0\.0\.1:\d+/);
    expect(dev.output()).toMatch(/LLM simulator +http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(dev.output()).toContain('admin@fibra.fio.local');
    expect(dev.output()).toContain('529.982.247-25');
    // The demo ISP site embedding the website widget, on another origin.
    const site = /Demo ISP site +(http:\/\/localhost:\d+)\//.exec(dev.output())?.[1];
    expect(site).toBeDefined();
    expect(await (await fetch(`${site}/`)).text()).toContain(`src="${dev.url}/widget.js" data-channel=`);
    expect((await fetch(`${dev.url}/ready`)).status).toBe(200);
    const session = await fetch(`${dev.url}/api/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'demo' }),
    });
    expect(session.status).toBe(201);
    expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
    // The demo's Relatórios have history to show (seeded, then rolled up by the dev cron's first tick).
    const login = await fetch(`${dev.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.fio.local', password: 'fio-demo-admin' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const day = (ms: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(Date.now() - ms);
    const lastWeek = `${dev.url}/api/reports/summary?from=${day(8 * 86_400_000)}&to=${day(86_400_000)}`;
    await eventually(
      'a week of demo history in the reports',
      async () => {
        const res = await fetch(lastWeek, { headers: { authorization: `Bearer ${accessToken}` } });
        const body = (await res.json()) as { current?: { ticketsOpened: number } };
        return res.status === 200 && (body.current?.ticketsOpened ?? 0) >= 100;
      },
      120_000,
    );

    expect(await stopWithCtrlC()).toBe(0);
    await eventually('no process left', () => processesMentioning(dataDir).length === 0, 15_000);
  }, 360_000);

  it('uses DATABASE_URL instead of the embedded Postgres when it is set', async () => {
    const external = await startPostgresCluster({
      dataDir: testDataDir('e2e', 'external-postgres'),
      fresh: true,
      database: 'fio',
      replica: false,
    });
    try {
      const dataDir = testDataDir('e2e', 'dev-external');
      const dev = await runDev(dataDir, { DATABASE_URL: external.primaryUrl });
      expect(dev.output()).not.toContain('(embedded)');
      expect(dev.output()).toContain(`127.0.0.1:${external.primaryPort}`);
      expect((await fetch(`${dev.url}/ready`)).status).toBe(200);
      const login = await fetch(`${dev.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bruno@demo.fio.local', password: 'fio-demo-agent' }),
      });
      expect(login.status).toBe(200);
      expect(await stopWithCtrlC()).toBe(0);
      await eventually('no dev process left', () => processesMentioning(dataDir).length === 0, 15_000);
      // The database we were given is not ours to stop.
      const client = new pg.Client({ connectionString: external.primaryUrl });
      await client.connect();
      expect((await client.query('select 1 as ok')).rows[0]).toEqual({ ok: 1 });
      await client.end();
    } finally {
      await external.stop();
    }
  }, 300_000);
});
