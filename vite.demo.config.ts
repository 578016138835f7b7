import { defineConfig } from 'vite';
import { kitAliases } from './build/kit-entries.js';

/**
 * The demo account-settings page (`demo/`), served from source with live reload.
 * `npm start` runs it inside the reference backend's server (server/demo-server.js, Vite in
 * middleware mode, one port for the page and `/api/2fa`). `vite --config vite.demo.config.ts`
 * alone serves the page without a backend: its requests to `/api/2fa` then fail.
 * The page imports the kit by its package name, here its source; the end-to-end tests serve it the
 * built dist/ instead (`startDemoServer({ kit: 'dist' })`).
 */
export default defineConfig({
  root: 'demo',
  resolve: { alias: kitAliases('src') },
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    host: process.env.HOST ?? 'localhost',
  },
});
