// Check (b): the settings the code requires are set, secrets are kept as secrets, and every value this run
// can see passes the Worker's own EnvSchema (workers/env.ts) — the rule the Worker applies at its first
// request, applied before the deploy instead. A real deploy asks Cloudflare which secrets each script has
// (`wrangler secret list`: names only, values never leave Cloudflare); a dry run reads the values it would
// upload from the environment, `.dev.vars` and `--env-file`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { EnvSchema } from '../../workers/env';
import type { WorkerConfig } from './configs';
import type { EnvMember } from './env-interface';

/** Kept out of [vars]: a value there is published in plain text with the config. */
export const SECRET_NAMES = [
  'DATABASE_URL',
  'DATABASE_REPLICA_URLS',
  'JWT_SECRET',
  'CHANNEL_SECRETS_KEY',
  'WHATSAPP_APP_SECRET',
  'WHATSAPP_VERIFY_TOKEN',
  'OPERATOR_TOKEN',
  'OPERATOR_WEBHOOK_SECRET',
  'MAIL_API_KEY',
] as const;

/** Optional to the code, required of a deployment: without it the operator's API and /metrics answer 503. */
const REQUIRED_OF_A_DEPLOYMENT = ['OPERATOR_TOKEN'];

/** The settings every script of the deployment needs: Env's required strings plus the deployment's own. */
export function requiredSettings(env: EnvMember[]): string[] {
  const fromCode = env.filter((m) => m.kind === 'string' && !m.optional).map((m) => m.name);
  return [...new Set([...fromCode, ...REQUIRED_OF_A_DEPLOYMENT])];
}

/** Values a dry run sees: `.dev.vars` < the process environment < `--env-file` (the most explicit wins). */
export function localValues(
  root: string,
  envFile: string | null,
  processEnv: NodeJS.ProcessEnv,
): Record<string, string> {
  const devVars = join(root, '.dev.vars');
  const fromDevVars = existsSync(devVars) ? parseEnv(readFileSync(devVars, 'utf8')) : {};
  const fromFile = envFile ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  const fromProcess = Object.fromEntries(
    Object.entries(processEnv).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  return { ...fromDevVars, ...fromProcess, ...fromFile } as Record<string, string>;
}

/**
 * Problems with one script's settings: a required one neither a var nor a secret, a secret written in
 * [vars], and (when values are known) any value EnvSchema refuses, named with its rule.
 */
export function checkSettings(
  config: WorkerConfig,
  required: string[],
  secrets: { names: Set<string>; values: Record<string, string> | null },
): string[] {
  const problems: string[] = [];
  const vars = Object.fromEntries(
    Object.entries(config.raw.vars ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  for (const name of SECRET_NAMES) {
    if (name in vars && vars[name] !== '')
      problems.push(`${config.file}: ${name} is in [vars] (published in plain text); make it a secret`);
  }
  const missing = required.filter((n) => !(n in vars) && !secrets.names.has(n));
  for (const name of missing) problems.push(`${config.file}: secret ${name} is not set`);
  if (secrets.values) {
    const effective = { ...vars, ...pick(secrets.values, secrets.names) };
    const parsed = EnvSchema.safeParse(effective);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path.join('.');
        if (missing.includes(key)) continue;
        problems.push(`${config.file}: ${key}: ${issue.message}`);
      }
    }
  }
  return problems;
}

function pick(values: Record<string, string>, names: Set<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => names.has(k)));
}
