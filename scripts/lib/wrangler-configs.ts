// Fio's two wrangler configs and the layout that runs them. `fio` (wrangler.toml, the HTTP Worker) binds every
// Durable Object with script_name = "fio-objects" (wrangler.objects.toml, the classes and their migrations).
// Two things are derived here, so nobody keeps a third hand-written config in step:
// - checkTopology(): what must agree between the two files (vars, bucket, compatibility, each binding's class);
// - writeSingleConfig(): one script with everything (workers/single.ts), for the workerd test pool, whose
//   runInDurableObject needs the classes in the main worker, and for FIO_TOPOLOGY=single.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { experimental_readRawConfig } from 'wrangler';

export const HTTP_CONFIG = 'wrangler.toml';
export const OBJECTS_CONFIG = 'wrangler.objects.toml';
export const OBJECTS_SCRIPT = 'fio-objects';
/** Deploy order: the objects first (the HTTP Worker's bindings name their classes), then the HTTP Worker. */
export const DEPLOY_ORDER = [OBJECTS_CONFIG, HTTP_CONFIG] as const;

/** `split` (default): two `wrangler dev` processes; `single`: the old one-process layout. */
export type Topology = 'split' | 'single';

export function topologyFromEnv(value = process.env.FIO_TOPOLOGY): Topology {
  if (value === undefined || value === '' || value === 'split') return 'split';
  if (value === 'single') return 'single';
  throw new Error(`FIO_TOPOLOGY must be "split" or "single", not ${JSON.stringify(value)}`);
}

interface DoBinding {
  name: string;
  class_name: string;
  script_name?: string;
}
interface Migration {
  tag: string;
  new_sqlite_classes?: string[];
}
type Raw = Record<string, unknown> & {
  name?: string;
  main?: string;
  vars?: Record<string, unknown>;
  durable_objects?: { bindings?: DoBinding[] };
  migrations?: Migration[];
  r2_buckets?: unknown[];
  assets?: { directory?: string } & Record<string, unknown>;
  queues?: { producers?: { binding: string; queue: string }[]; consumers?: unknown[] };
  triggers?: unknown;
};

export function readRaw(root: string, file: string): Raw {
  return experimental_readRawConfig({ config: join(root, file) }).rawConfig as Raw;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What disagrees between the two configs; empty when the split is consistent. */
export function checkTopology(root: string): string[] {
  const http = readRaw(root, HTTP_CONFIG);
  const objects = readRaw(root, OBJECTS_CONFIG);
  const problems: string[] = [];
  if (objects.name !== OBJECTS_SCRIPT) problems.push(`${OBJECTS_CONFIG} must be named ${OBJECTS_SCRIPT}`);
  for (const key of ['compatibility_date', 'compatibility_flags', 'vars', 'r2_buckets'] as const) {
    if (!same(http[key], objects[key]))
      problems.push(`${key} differs between ${HTTP_CONFIG} and ${OBJECTS_CONFIG}`);
  }
  const classes = new Map((objects.durable_objects?.bindings ?? []).map((b) => [b.name, b]));
  const migrated = new Set((objects.migrations ?? []).flatMap((m) => m.new_sqlite_classes ?? []));
  for (const b of objects.durable_objects?.bindings ?? []) {
    if (b.script_name) problems.push(`${OBJECTS_CONFIG}: ${b.name} must not name another script`);
    if (!migrated.has(b.class_name)) problems.push(`${OBJECTS_CONFIG}: ${b.class_name} has no migration`);
  }
  for (const b of http.durable_objects?.bindings ?? []) {
    if (b.script_name !== OBJECTS_SCRIPT)
      problems.push(`${HTTP_CONFIG}: ${b.name} must name script ${OBJECTS_SCRIPT}`);
    if (classes.get(b.name)?.class_name !== b.class_name)
      problems.push(`${HTTP_CONFIG}: ${b.name} (${b.class_name}) is not a class of ${OBJECTS_CONFIG}`);
  }
  if (http.migrations?.length) problems.push(`${HTTP_CONFIG} must not migrate classes it does not export`);
  if (objects.queues?.consumers?.length || objects.triggers || objects.assets)
    problems.push(`${OBJECTS_CONFIG}: queue consumers, crons and assets belong to ${HTTP_CONFIG}`);
  // Every queue the objects produce to has its consumer in the HTTP Worker under the same name.
  const httpQueues = new Map((http.queues?.producers ?? []).map((p) => [p.binding, p.queue]));
  for (const p of objects.queues?.producers ?? []) {
    if (httpQueues.get(p.binding) !== p.queue) problems.push(`${OBJECTS_CONFIG}: queue ${p.binding} differs`);
  }
  return problems;
}

/** The single-script config (JSON, absolute paths) derived from the two files. */
export function singleConfig(root: string): Raw {
  const http = readRaw(root, HTTP_CONFIG);
  const objects = readRaw(root, OBJECTS_CONFIG);
  return {
    ...http,
    main: join(root, 'workers/single.ts'),
    durable_objects: {
      bindings: (http.durable_objects?.bindings ?? []).map(({ name, class_name }) => ({ name, class_name })),
    },
    migrations: objects.migrations ?? [],
    ...(http.assets
      ? { assets: { ...http.assets, directory: join(root, String(http.assets.directory)) } }
      : {}),
  };
}

/** Writes the single-script config under .fio/ (atomically: stacks and the test pool may race) and returns it. */
export function writeSingleConfig(root: string): string {
  const path = join(root, '.fio', 'wrangler', 'single.json');
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(singleConfig(root), null, 2)}\n`);
  renameSync(tmp, path);
  return path;
}
