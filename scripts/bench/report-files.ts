// Where every bench leaves its results: `<name>.json` (the whole report) and `<name>.md` (for the README).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeReportFiles(
  dir: string,
  name: string,
  report: unknown,
  markdown: string,
): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const md = join(dir, `${name}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, markdown);
  return { json, md };
}
