// Builds the agent web client (Solid) into dist/agent, which the Worker serves as static assets.
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  root: 'app/agent',
  plugins: [solid()],
  build: {
    outDir: '../../dist/agent',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Its "callbacks ran for 2.1s" note measures the machine's load, not a problem in the build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
