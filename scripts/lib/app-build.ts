// The agent client's static build (dist/agent), which wrangler serves as the Worker's assets: built when
// missing so `wrangler dev` and the workerd tests always find it; `npm run dev` rebuilds it every start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

export async function buildAgentApp(root: string, opts: { force?: boolean } = {}): Promise<void> {
  if (!opts.force && existsSync(join(root, 'dist', 'agent', 'index.html'))) return;
  await build({
    root: join(root, 'app', 'agent'),
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
  });
}
