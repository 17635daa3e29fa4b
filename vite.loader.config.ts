// Builds the loader (app/widget/loader) into dist/agent/widget.js: one classic script with no imports, which
// the ISP's page loads with a <script> tag (served as a static asset).
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/agent',
    emptyOutDir: false,
    target: 'es2019',
    sourcemap: false,
    lib: {
      entry: 'app/widget/loader/index.ts',
      formats: ['iife'],
      name: 'FioWidgetLoader',
      fileName: () => 'widget.js',
    },
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // The loader imports widgetFramePath and types from workers/contract/widget-bridge.ts; building the
      // zod schemas there is side-effect free, so unused ones drop out (zod/mini alone is ~7 KB gzip).
      treeshake: { manualPureFunctions: ['z'] },
    },
  },
});
