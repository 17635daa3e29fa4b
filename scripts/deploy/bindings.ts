// Check (a): every binding the code's Env requires is declared by the HTTP Worker's config, and the Durable
// Object classes hang together across the configs: a class bound in place is created by one of that
// config's migrations (tags unique, never deleted later), and a class bound from another script
// (script_name) is hosted by a config this deploy ships.

import { HTTP_CONFIG, type RawConfig, type WorkerConfig } from './configs';
import type { EnvMember } from './env-interface';

export function checkBindings(env: EnvMember[], configs: WorkerConfig[]): string[] {
  const problems: string[] = [];
  const http = configs.find((c) => c.file === HTTP_CONFIG);
  if (!http) return [`${HTTP_CONFIG} is missing`];
  const declared = declaredBindings(http.raw);
  for (const m of env) {
    if (m.optional || m.kind === 'string' || m.kind === 'other') continue;
    const have = declared.get(m.name);
    if (!have)
      problems.push(`${HTTP_CONFIG}: binding ${m.name} (${m.kind.replace('_', ' ')}) is not declared`);
    else if (have !== m.kind)
      problems.push(`${HTTP_CONFIG}: ${m.name} is a ${have} binding; the code expects ${m.kind}`);
  }
  const hosted = new Map<string, Set<string>>();
  for (const c of configs) {
    const created = createdClasses(c, problems);
    if (c.raw.name) hosted.set(c.raw.name, created);
    for (const b of c.raw.durable_objects?.bindings ?? []) {
      if (!b.script_name && !created.has(b.class_name))
        problems.push(
          `${c.file}: ${b.name} binds class ${b.class_name}, which no migration of ${c.file} creates`,
        );
    }
  }
  for (const c of configs) {
    for (const b of c.raw.durable_objects?.bindings ?? []) {
      if (!b.script_name || b.script_name === c.raw.name) continue;
      const other = hosted.get(b.script_name);
      if (!other)
        problems.push(`${c.file}: ${b.name} names script ${b.script_name}, which this deploy does not ship`);
      else if (!other.has(b.class_name))
        problems.push(
          `${c.file}: ${b.name} names ${b.script_name}'s class ${b.class_name}, which it does not create`,
        );
    }
  }
  return problems;
}

function declaredBindings(raw: RawConfig): Map<string, EnvMember['kind']> {
  const m = new Map<string, EnvMember['kind']>();
  for (const b of raw.durable_objects?.bindings ?? []) m.set(b.name, 'durable_object');
  for (const b of raw.r2_buckets ?? []) m.set(b.binding, 'r2');
  for (const b of raw.queues?.producers ?? []) m.set(b.binding, 'queue');
  for (const b of raw.services ?? []) m.set(b.binding, 'fetcher');
  if (raw.assets?.binding) m.set(raw.assets.binding, 'fetcher');
  for (const b of raw.analytics_engine_datasets ?? []) m.set(b.binding, 'analytics_engine');
  return m;
}

/** The classes a config's migrations leave created, reporting a repeated tag or a class created twice. */
function createdClasses(c: WorkerConfig, problems: string[]): Set<string> {
  const created = new Set<string>();
  const tags = new Set<string>();
  for (const m of c.raw.migrations ?? []) {
    if (tags.has(m.tag)) problems.push(`${c.file}: migration tag ${m.tag} appears twice`);
    tags.add(m.tag);
    for (const cls of [...(m.new_sqlite_classes ?? []), ...(m.new_classes ?? [])]) {
      if (created.has(cls)) problems.push(`${c.file}: class ${cls} is created twice (tag ${m.tag})`);
      created.add(cls);
    }
    for (const r of m.renamed_classes ?? []) {
      created.delete(r.from);
      created.add(r.to);
    }
    for (const t of m.transferred_classes ?? []) created.add(t.to);
    for (const cls of m.deleted_classes ?? []) created.delete(cls);
  }
  return created;
}
