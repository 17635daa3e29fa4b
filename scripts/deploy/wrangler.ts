// Check (d) and the last step: `wrangler deploy` per config, in order. A dry run bundles offline
// (`--dry-run --outdir`), which proves the code builds with the configs and the bindings wrangler sees,
// without an account; a real deploy uploads. Also `wrangler secret list`, for the real deploy's check (b).
import { spawn } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runWrangler(root: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['wrangler', ...args], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function envArgs(envName: string | null): string[] {
  return envName ? ['--env', envName] : [];
}

export function wranglerDeploy(
  root: string,
  config: string,
  opts: { envName: string | null; dryRun: boolean; outdir: string | null },
): Promise<RunResult> {
  const args = ['deploy', '--config', config, ...envArgs(opts.envName)];
  if (opts.dryRun) args.push('--dry-run', '--outdir', opts.outdir ?? '.wrangler/deploy-dry-run');
  return runWrangler(root, args);
}

/** The names of the secrets a deployed script has (values never leave Cloudflare). */
export async function secretNames(
  root: string,
  config: string,
  envName: string | null,
): Promise<Set<string>> {
  const r = await runWrangler(root, [
    'secret',
    'list',
    '--format',
    'json',
    '--config',
    config,
    ...envArgs(envName),
  ]);
  if (r.code !== 0)
    throw new Error(`wrangler secret list (${config}) failed: ${lastLine(r.stderr || r.stdout)}`);
  const list = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { name: string }[];
  return new Set(list.map((s) => s.name));
}

export function lastLine(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.at(-1)?.trim() ?? '';
}
