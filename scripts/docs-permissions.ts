// `npm run docs:permissions`: writes the permission matrix into README.md as a table (between its markers);
// `-- --check` only says whether the README is current (exit 1 when it is not).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withPermissionsTable } from './lib/permissions-table';

const ROOT = new URL('..', import.meta.url).pathname;

const file = join(ROOT, 'README.md');
const current = readFileSync(file, 'utf8');
const next = withPermissionsTable(current);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md permission table is out of date: run npm run docs:permissions');
    process.exit(1);
  }
  console.log('README.md permission table is current');
} else if (next !== current) {
  writeFileSync(file, next);
  console.log('README.md permission table updated');
} else {
  console.log('README.md permission table already current');
}
