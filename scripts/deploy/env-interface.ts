// What the code's `Env` (workers/env.ts) asks of a deployment, read from the interface itself with the
// TypeScript parser, so a binding added to the code is checked against the configs without a second list.
import { readFileSync } from 'node:fs';
import type ts from 'typescript';

export type BindingKind =
  | 'durable_object'
  | 'r2'
  | 'queue'
  | 'fetcher'
  | 'analytics_engine'
  | 'string'
  | 'other';

export interface EnvMember {
  name: string;
  kind: BindingKind;
  optional: boolean;
}

const KINDS: [RegExp, BindingKind][] = [
  [/^DurableObjectNamespace\b/, 'durable_object'],
  [/^R2Bucket$/, 'r2'],
  [/^Queue\b/, 'queue'],
  [/^Fetcher\b/, 'fetcher'],
  [/^AnalyticsEngineDataset$/, 'analytics_engine'],
  [/^string$/, 'string'],
];

export async function envMembers(file: string): Promise<EnvMember[]> {
  const { default: ts } = await import('typescript');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const env = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Env',
  );
  if (!env) throw new Error(`${file} declares no interface Env`);
  return env.members.flatMap((m) => {
    if (!ts.isPropertySignature(m) || !m.type) return [];
    const type = m.type.getText(source);
    const kind = KINDS.find(([re]) => re.test(type))?.[1] ?? 'other';
    return [{ name: m.name.getText(source), kind, optional: m.questionToken !== undefined }];
  });
}
