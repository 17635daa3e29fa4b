// `npm run deploy -- --dry-run` against a real (embedded) Postgres migrated like the local stack: an up-to-date
// target passes and the Workers bundle; a pending migration (a copy of the migrations with one more), an
// unknown one (a row with a foreign hash in drizzle.__drizzle_migrations), a changed file, a missing or
// malformed secret and a config missing a binding each refuse with exit 1, naming what is wrong — and no
// dry run changes the database.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster } from '../../scripts/lib/postgres-cluster';
import { ROOT } from '../../scripts/lib/stack';
import { appRoleUrl, MIGRATIONS_FOLDER, migrate } from '../../scripts/migrate';
import { removeTestData, testDataDir } from '../support/test-data';

const dataDir = testDataDir('e2e', 'deploy');
let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
let scratch: string;

const GOOD_SETTINGS = () => ({
  DATABASE_URL: appRoleUrl(cluster.primaryUrl, 'app-password'),
  JWT_SECRET: randomBytes(32).toString('hex'),
  CHANNEL_SECRETS_KEY: randomBytes(32).toString('base64'),
  WHATSAPP_APP_SECRET: 'meta-app-secret-123',
  WHATSAPP_VERIFY_TOKEN: 'verify-token-123',
  OPERATOR_TOKEN: randomBytes(24).toString('hex'),
});

function envFile(values: Record<string, string>): string {
  const file = join(mkdtempSync(join(scratch, 'env-')), '.env');
  writeFileSync(
    file,
    Object.entries(values)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  return file;
}

/** Runs the deploy command as an operator would; the environment carries none of the settings itself. */
function deploy(args: string[]): Promise<{ code: number; out: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_|JWT_|CHANNEL_|WHATSAPP_|OPERATOR_)/.test(k)),
  );
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/deploy/index.ts', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.primaryUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** What a dry run must leave as it was: the applied migrations and the tables. */
async function snapshot(): Promise<string> {
  const migrations = await sql('select id, hash, created_at from drizzle.__drizzle_migrations order by id');
  const tables = await sql(
    "select schemaname, tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2",
  );
  return JSON.stringify({ migrations, tables });
}

/** A copy of the code's migrations, changed by `edit`, for the plan to compare with the database. */
function migrationsCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(scratch, 'migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  edit(dir);
  return dir;
}

function common(settings = GOOD_SETTINGS()): string[] {
  return ['--dry-run', '--database-url', cluster.primaryUrl, '--env-file', envFile(settings)];
}

beforeAll(async () => {
  cluster = await startPostgresCluster({ dataDir, fresh: true, database: 'fio', replica: false });
  await migrate(cluster.primaryUrl);
  scratch = mkdtempSync(join(tmpdir(), 'fio-deploy-test-'));
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
  removeTestData(dataDir);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('npm run deploy -- --dry-run', () => {
  it('passes an up-to-date target, bundles every Worker, and changes nothing', async () => {
    const before = await snapshot();
    const outdir = join(scratch, 'bundle');
    const r = await deploy([...common(), '--outdir', outdir]);
    expect(r.out).toMatch(/migrations\s+ok\s+up to date: \d+ applied, none pending/);
    expect(r.out).toMatch(/bindings\s+ok/);
    expect(r.out).toMatch(/secrets\s+ok/);
    expect(r.out).toMatch(/bundle fio\s+ok/);
    expect(r.out).toContain('plan ok');
    expect(r.code).toBe(0);
    const bundled = readdirSync(join(outdir, 'fio'), { recursive: true }).map(String);
    expect(bundled.some((f) => f.endsWith('.js'))).toBe(true);
    expect(await snapshot()).toBe(before);
  }, 240_000);

  it('refuses a pending migration, naming it, and applies nothing', async () => {
    const before = await snapshot();
    const dir = migrationsCopy((d) => {
      const journalFile = join(d, 'meta/_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
        entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
      };
      const last = journal.entries.at(-1) as (typeof journal.entries)[number];
      journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '0999_deploy_probe' });
      writeFileSync(journalFile, JSON.stringify(journal, null, 2));
      writeFileSync(join(d, '0999_deploy_probe.sql'), 'create table deploy_probe (id int);\n');
    });
    const r = await deploy([...common(), '--migrations-dir', dir]);
    expect(r.out).toContain('1 pending migration: 0999_deploy_probe — a deploy would apply it first');
    expect(r.out).toContain('refused: nothing was changed');
    expect(r.out).not.toMatch(/bundle fio/);
    expect(r.code).toBe(1);
    expect(await snapshot()).toBe(before);
    expect(await sql("select to_regclass('public.deploy_probe') as t")).toEqual([{ t: null }]);
  });

  it('refuses when the database has a migration the code does not know', async () => {
    const [row] = await sql<{ id: number }>(
      'insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2) returning id',
      ['f'.repeat(64), Date.now() + 365 * 86_400_000],
    );
    try {
      const before = await snapshot();
      const r = await deploy(common());
      expect(r.out).toMatch(/migrations\s+REFUSED\s+unknown migration in the database .*hash ffffffffffff/);
      expect(r.out).toContain('the database is newer than this code');
      expect(r.code).toBe(1);
      expect(await snapshot()).toBe(before);
    } finally {
      await sql('delete from drizzle.__drizzle_migrations where id = $1', [row?.id]);
    }
  });

  it('refuses when an applied migration file was changed', async () => {
    const dir = migrationsCopy((d) => {
      const file = join(d, '0003_channel_routing.sql');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- edited after it was applied\n`);
    });
    const r = await deploy([...common(), '--migrations-dir', dir]);
    expect(r.out).toMatch(/changed migration 0003_channel_routing: the file's hash/);
    expect(r.code).toBe(1);
  });

  it('refuses a missing secret and a malformed one, naming each', async () => {
    const { JWT_SECRET: _, ...noJwt } = GOOD_SETTINGS();
    const missing = await deploy(common(noJwt as ReturnType<typeof GOOD_SETTINGS>));
    expect(missing.out).toContain('wrangler.toml: secret JWT_SECRET is not set');
    expect(missing.code).toBe(1);

    const short = { ...GOOD_SETTINGS(), CHANNEL_SECRETS_KEY: randomBytes(16).toString('base64') };
    const malformed = await deploy(common(short));
    expect(malformed.out).toContain('wrangler.toml: CHANNEL_SECRETS_KEY: 32 bytes, base64');
    expect(malformed.code).toBe(1);
  });

  it('refuses a config that lacks a binding the code needs, naming it', async () => {
    const configDir = mkdtempSync(join(scratch, 'configs-'));
    for (const f of readdirSync(ROOT).filter((n) => /^wrangler(\..+)?\.toml$/.test(n)))
      cpSync(join(ROOT, f), join(configDir, f));
    const http = join(configDir, 'wrangler.toml');
    const edited = readFileSync(http, 'utf8').replace(
      /\[\[durable_objects\.bindings\]\]\nname = "CAMPAIGNS"\nclass_name = "CampaignDO"\n(script_name = "[^"]+"\n)?/,
      '',
    );
    expect(edited).not.toContain('name = "CAMPAIGNS"');
    writeFileSync(http, edited);
    expect(existsSync(http)).toBe(true);
    const r = await deploy([...common(), '--config-dir', configDir]);
    expect(r.out).toContain('wrangler.toml: binding CAMPAIGNS (durable object) is not declared');
    expect(r.code).toBe(1);
  });

  it('refuses bad arguments with the usage (exit 2)', async () => {
    const r = await deploy(['--dry-run', '--bogus']);
    expect(r.out).toContain('usage: npm run deploy');
    expect(r.code).toBe(2);
  });
});
