// The agent client's static build (dist/agent), which wrangler serves as the Worker's assets: built when
// missing so `wrangler dev` and the workerd tests always find it; `npm run dev` rebuilds it every start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

export async function buildAgentApp(root: string, opts: { force?: boolean } = {}): Promise<void> {
  // `_headers` too: a build from before the security headers existed would serve the app without them.
  const built = ['index.html', '_headers'].every((f) => existsSync(join(root, 'dist', 'agent', f)));
  if (!opts.force && built) return;
  await build({
    root: join(root, 'app', 'agent'),
    configFile: join(root, 'vite.config.ts'),
    // As the test scripts do: the config imports a TypeScript module by its extensionless path.
    configLoader: 'runner',
    logLevel: 'warn',
  });
}
