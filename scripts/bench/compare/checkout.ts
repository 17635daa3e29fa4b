// The two sides of a comparison as directories that each run their own code: HEAD is this work tree as it is
// (uncommitted changes included); the base is its commit's files (`git archive`, so the repository's
// worktree list is never touched) under .fio/bench/base-<sha>, with node_modules hard-linked from this tree
// (`cp -al`: nothing is copied or installed) and its own agent build. Removing it removes only that folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';

export type Side = 'base' | 'head';

export interface Checkout {
  side: Side;
  /** The directory whose scripts/bench the side runs, and where its results land (.fio/bench). */
  root: string;
  /** Commit, plus "+ uncommitted changes" for a dirty HEAD. */
  describe: string;
  stop(): Promise<void>;
}

/** Runs a command to completion and returns its stdout; its stderr is shown only if it fails. */
function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0
        ? resolve(out.trim())
        : reject(
            new Error(
              `${cmd} ${args.join(' ')} (in ${cwd}) ended with ${signal ?? `code ${code}`}: ${err.trim()}`,
            ),
          ),
    );
  });
}

const git = (...args: string[]) => run('git', args, ROOT);

/** The agent client build wrangler serves as assets; built by the checkout's own vite config when missing. */
async function ensureAppBuilt(root: string, log: (line: string) => void): Promise<void> {
  if (existsSync(join(root, 'dist', 'agent', 'index.html'))) return;
  log(`building the agent app in ${root}`);
  await run(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], root);
}

export async function headCheckout(log: (line: string) => void): Promise<Checkout> {
  const sha = await git('rev-parse', '--short=12', 'HEAD');
  const dirty = (await git('status', '--porcelain')) !== '';
  await ensureAppBuilt(ROOT, log);
  return {
    side: 'head',
    root: ROOT,
    describe: dirty ? `${sha} + uncommitted changes` : sha,
    stop: async () => {},
  };
}

export async function materialiseBase(
  ref: string,
  benchDir: string,
  log: (line: string) => void,
): Promise<Checkout> {
  const sha = await git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`).catch(() => {
    throw new Error(`base ${JSON.stringify(ref)} is not a commit this repository knows`);
  });
  const root = join(benchDir, `base-${sha.slice(0, 12)}`);
  const remove = async () => rmSync(root, { recursive: true, force: true });
  // A folder left by a run that was killed outright is stale: start from the commit again.
  await remove();
  mkdirSync(root, { recursive: true });
  try {
    log(`materialising ${ref} (${sha.slice(0, 12)}) in ${root}`);
    const tar = `${root}.tar`;
    await git('archive', '--format=tar', `--output=${tar}`, sha);
    await run('tar', ['-xf', tar, '-C', root], ROOT).finally(() => rmSync(tar, { force: true }));
    await run('cp', ['-al', join(ROOT, 'node_modules'), join(root, 'node_modules')], ROOT);
    await ensureAppBuilt(root, log);
  } catch (err) {
    await remove();
    throw err;
  }
  return {
    side: 'base',
    root,
    describe: sha.slice(0, 12),
    stop: async () => {
      log(`removing ${root}`);
      await remove();
    },
  };
}
