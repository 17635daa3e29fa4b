// Which wrangler configs a deploy ships, in order, and their raw contents. One list for everything that
// deploys: the Durable Objects' own script first when it exists (the HTTP Worker's bindings name its
// classes), then the HTTP Worker. Any other `wrangler.*.toml` whose first lines say `# fio-deploy: worker`
// joins before the HTTP Worker, so a new script needs no change here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const HTTP_CONFIG = 'wrangler.toml';
export const OBJECTS_CONFIG = 'wrangler.objects.toml';
const MARKER = /^#\s*fio-deploy:\s*worker\b/m;

export interface DoBinding {
  name: string;
  class_name: string;
  script_name?: string;
}

export interface RawConfig {
  name?: string;
  main?: string;
  vars?: Record<string, unknown>;
  durable_objects?: { bindings?: DoBinding[] };
  migrations?: {
    tag: string;
    new_sqlite_classes?: string[];
    new_classes?: string[];
    deleted_classes?: string[];
    renamed_classes?: { from: string; to: string }[];
    transferred_classes?: { from: string; from_script: string; to: string }[];
  }[];
  r2_buckets?: { binding: string }[];
  queues?: { producers?: { binding: string; queue: string }[] };
  assets?: { binding?: string };
  services?: { binding: string }[];
  analytics_engine_datasets?: { binding: string }[];
}

export interface WorkerConfig {
  file: string;
  raw: RawConfig;
}

/** The configs to deploy, in deploy order. */
export function deployConfigs(root: string): string[] {
  const extra = readdirSync(root)
    .filter((f) => /^wrangler\..+\.toml$/.test(f) && f !== OBJECTS_CONFIG)
    .filter((f) => MARKER.test(readFileSync(join(root, f), 'utf8').split('\n').slice(0, 5).join('\n')))
    .sort();
  return [OBJECTS_CONFIG, ...extra, HTTP_CONFIG].filter((f) => existsSync(join(root, f)));
}

/**
 * A config as wrangler itself resolves it (its own reader), with `--env <name>` applied the way a deploy
 * applies it: bindings and vars are not inherited from the top level, so a check must see the same.
 */
export async function readConfig(root: string, file: string, envName: string | null): Promise<WorkerConfig> {
  // Loaded on use: wrangler is large, and a bad command line should not wait for it.
  const { unstable_readConfig } = await import('wrangler');
  const raw = unstable_readConfig({
    config: join(root, file),
    env: envName ?? undefined,
  }) as unknown as RawConfig;
  return { file, raw };
}
