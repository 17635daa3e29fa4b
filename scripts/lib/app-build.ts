// The web clients' static build (dist/agent: the agent app, the website widget under widget/ and its loader
// widget.js), which wrangler serves as the Worker's assets: built when missing so `wrangler dev` and the
// workerd tests always find it; `npm run dev` rebuilds it every start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

/** One vite config per client, in order: the agent app first (it empties dist/agent). */
const CONFIGS = [
  { config: 'vite.config.ts', root: join('app', 'agent') },
  { config: 'vite.widget.config.ts', root: join('app', 'widget', 'frame') },
  { config: 'vite.loader.config.ts', root: '.' },
];

export async function buildAgentApp(root: string, opts: { force?: boolean } = {}): Promise<void> {
  // `_headers` too: a build from before the security headers existed would serve the app without them.
  const built = ['index.html', '_headers', 'widget.js', join('widget', 'index.html')].every((f) =>
    existsSync(join(root, 'dist', 'agent', f)),
  );
  if (!opts.force && built) return;
  for (const { config, root: appRoot } of CONFIGS) {
    await build({
      root: join(root, appRoot),
      configFile: join(root, config),
      // As the test scripts do: the config imports a TypeScript module by its extensionless path.
      configLoader: 'runner',
      logLevel: 'warn',
    });
  }
}
