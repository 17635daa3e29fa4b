// Builds the agent web client (Solid) into dist/agent, which the Worker serves as static assets.
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { renderAssetHeadersFile } from './workers/security-headers';

/**
 * Writes `_headers` next to the app: the assets binding answers the HTML, JS and CSS before the Worker runs,
 * so the security headers (CSP, HSTS, frame-ancestors…) reach them only through this file. Same values as
 * the Worker's middleware (workers/security-headers.ts). The file itself is never served.
 */
function assetHeaders(): Plugin {
  return {
    name: 'fio-asset-headers',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: renderAssetHeadersFile() });
    },
  };
}

export default defineConfig({
  root: 'app/agent',
  plugins: [solid(), assetHeaders()],
  build: {
    outDir: '../../dist/agent',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Its "callbacks ran for 2.1s" note measures the machine's load, not a problem in the build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
