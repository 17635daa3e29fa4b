// `npm run deploy [-- --dry-run] [--env production] [--env-file f] [--database-url u] [--migrations-dir d]`
// Checks, then ships: (a) bindings the code needs are declared, (b) secrets are set (and valid, when their
// values are visible), (c) the target Postgres's migrations agree with the code's — unknown, changed or
// skipped ones refuse, pending ones are applied first by a real deploy (migrations are backward compatible:
// the old code keeps running on the new schema until its turn) and refuse a dry run, so CI can gate on
// it — and (d) `wrangler deploy` per config, objects first (a dry run bundles offline instead). Nothing is
// changed unless every check passes. Exit codes: 0 ok, 1 refused, 2 bad arguments, 3 failed midway.
// No network besides the target Postgres and wrangler. docs/operations.md describes the whole procedure.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkBindings } from './bindings';
import { deployConfigs, readConfig, type WorkerConfig } from './configs';
import { type EnvMember, envMembers } from './env-interface';
import { codeMigrations, dbMigrations, describePlan, planMigrations } from './migrations';
import { type CheckResult, EXIT, formatTable } from './report';
import { checkSettings, localValues, requiredSettings } from './secrets';
import { lastLine, secretNames, wranglerDeploy } from './wrangler';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

const USAGE = `usage: npm run deploy -- [--dry-run] [--env <name>] [--env-file <file>] [--database-url <owner url>]
                         [--migrations-dir <dir>] [--config-dir <dir>] [--outdir <dir>]
  --database-url   the migration (owner) URL of the target Postgres; default $DATABASE_MIGRATION_URL`;

interface Options {
  dryRun: boolean;
  envName: string | null;
  envFile: string | null;
  databaseUrl: string | null;
  migrationsDir: string;
  configDir: string;
  outdir: string | null;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      env: { type: 'string' },
      'env-file': { type: 'string' },
      'database-url': { type: 'string' },
      'migrations-dir': { type: 'string' },
      'config-dir': { type: 'string' },
      outdir: { type: 'string' },
    },
  });
  return {
    dryRun: values['dry-run'] ?? false,
    envName: values.env ?? null,
    envFile: values['env-file'] ? resolve(values['env-file']) : null,
    databaseUrl: values['database-url'] ?? process.env.DATABASE_MIGRATION_URL ?? null,
    migrationsDir: values['migrations-dir']
      ? resolve(values['migrations-dir'])
      : join(ROOT, 'drizzle/migrations'),
    configDir: values['config-dir'] ? resolve(values['config-dir']) : ROOT,
    outdir: values.outdir ? resolve(values.outdir) : null,
  };
}

async function checks(opts: Options): Promise<{ results: CheckResult[]; configs: WorkerConfig[] }> {
  const results: CheckResult[] = [];
  const files = deployConfigs(opts.configDir);
  let configs: WorkerConfig[];
  try {
    configs = await Promise.all(files.map((f) => readConfig(opts.configDir, f, opts.envName)));
    results.push({ check: 'configs', outcome: 'ok', lines: [`deploy order: ${files.join(' → ')}`] });
  } catch (err) {
    results.push({ check: 'configs', outcome: 'refused', lines: [(err as Error).message] });
    return { results, configs: [] };
  }

  const env = await envMembers(join(ROOT, 'workers/env.ts'));
  const bindingProblems = checkBindings(env, configs);
  results.push(
    bindingProblems.length === 0
      ? { check: 'bindings', outcome: 'ok', lines: ['every binding the code needs is declared'] }
      : { check: 'bindings', outcome: 'refused', lines: bindingProblems },
  );

  results.push(await settingsCheck(opts, env, configs));
  results.push(await migrationsCheck(opts));
  return { results, configs };
}

async function settingsCheck(opts: Options, env: EnvMember[], configs: WorkerConfig[]): Promise<CheckResult> {
  const required = requiredSettings(env);
  const settingNames = new Set(env.filter((m) => m.kind === 'string').map((m) => m.name));
  const problems: string[] = [];
  for (const config of configs) {
    if (opts.dryRun) {
      const values = localValues(ROOT, opts.envFile, process.env);
      const names = new Set(
        Object.keys(values).filter((k) => settingNames.has(k) && !(k in (config.raw.vars ?? {}))),
      );
      problems.push(...checkSettings(config, required, { names, values }));
    } else {
      try {
        const names = await secretNames(opts.configDir, config.file, opts.envName);
        problems.push(...checkSettings(config, required, { names, values: null }));
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
  }
  const source = opts.dryRun ? 'from the environment, .dev.vars and --env-file' : 'as Cloudflare holds them';
  return problems.length === 0
    ? { check: 'secrets', outcome: 'ok', lines: [`${required.length} required settings set (${source})`] }
    : { check: 'secrets', outcome: 'refused', lines: problems };
}

async function migrationsCheck(opts: Options): Promise<CheckResult> {
  const check = 'migrations';
  if (!opts.databaseUrl)
    return {
      check,
      outcome: 'refused',
      lines: [
        'set DATABASE_MIGRATION_URL or --database-url: the database owner (the app role cannot migrate)',
      ],
    };
  let plan: ReturnType<typeof planMigrations>;
  try {
    plan = planMigrations(codeMigrations(opts.migrationsDir), await dbMigrations(opts.databaseUrl));
  } catch (err) {
    return {
      check,
      outcome: 'refused',
      lines: [`cannot read the target's migrations: ${(err as Error).message}`],
    };
  }
  const { refusals, pending } = describePlan(plan);
  if (refusals.length > 0) return { check, outcome: 'refused', lines: refusals };
  if (pending.length === 0)
    return { check, outcome: 'ok', lines: [`up to date: ${plan.applied.length} applied, none pending`] };
  const head = `${pending.length} pending migration${pending.length === 1 ? '' : 's'}: ${pending.join(', ')}`;
  return opts.dryRun
    ? {
        check,
        outcome: 'refused',
        lines: [`${head} — a deploy would apply ${pending.length === 1 ? 'it' : 'them'} first`],
      }
    : { check, outcome: 'plan', lines: [`${head} — applied before the Workers`] };
}

function bundleSize(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

async function ship(opts: Options, configs: WorkerConfig[], results: CheckResult[]): Promise<number> {
  if (!opts.dryRun) {
    try {
      const { migrate } = await import('../migrate');
      await migrate(opts.databaseUrl as string, opts.migrationsDir);
      results.push({ check: 'apply migrations', outcome: 'done', lines: ['the target matches the code'] });
    } catch (err) {
      results.push({ check: 'apply migrations', outcome: 'failed', lines: [(err as Error).message] });
      return EXIT.failed;
    }
  }
  const outRoot = opts.outdir ?? mkdtempSync(join(tmpdir(), 'fio-deploy-'));
  for (const config of configs) {
    const outdir = join(outRoot, config.raw.name ?? config.file);
    process.stderr.write(`wrangler deploy ${opts.dryRun ? '--dry-run ' : ''}--config ${config.file} …\n`);
    const r = await wranglerDeploy(opts.configDir, config.file, {
      envName: opts.envName,
      dryRun: opts.dryRun,
      outdir,
    });
    const check = `${opts.dryRun ? 'bundle' : 'deploy'} ${config.raw.name ?? config.file}`;
    if (r.code !== 0) {
      results.push({
        check,
        outcome: opts.dryRun ? 'refused' : 'failed',
        lines: [lastLine(r.stderr || r.stdout)],
      });
      return opts.dryRun ? EXIT.refused : EXIT.failed;
    }
    const line = opts.dryRun
      ? `${(bundleSize(outdir) / 1024).toFixed(0)} KiB in ${outdir}`
      : lastLine(r.stdout) || 'deployed';
    results.push({ check, outcome: opts.dryRun ? 'ok' : 'done', lines: [line] });
  }
  return EXIT.ok;
}

async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = options(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  process.stdout.write(
    `Fio deploy${opts.dryRun ? ' (dry run)' : ''}${opts.envName ? ` to env ${opts.envName}` : ''}\n\n`,
  );
  const { results, configs } = await checks(opts);
  const refused = results.some((r) => r.outcome === 'refused');
  const code = refused ? EXIT.refused : await ship(opts, configs, results);
  process.stdout.write(`${formatTable(results)}\n\n`);
  const verdict =
    code === EXIT.ok
      ? opts.dryRun
        ? 'plan ok: a deploy would go ahead'
        : 'deployed'
      : code === EXIT.refused
        ? 'refused: nothing was changed'
        : 'failed midway: see the table (migrations are backward compatible; re-run after fixing)';
  process.stdout.write(`${verdict}\n`);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
