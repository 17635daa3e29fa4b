// Builds the website widget (Solid, inside its iframe) into dist/agent/widget: the Worker serves its page at
// /widget/frame/:channelId (with the channel's frame-ancestors); its scripts and styles are static assets.
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  root: 'app/widget/frame',
  base: '/widget/',
  // The agent app's public files (zod-jitless.js) are already at the root of dist/agent.
  publicDir: false,
  plugins: [solid()],
  build: {
    outDir: '../../../dist/agent/widget',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
