import { defineConfig } from 'vite';

/** `npm start`: the demo account-settings page, served from source with live reload. */
export default defineConfig({
  root: 'demo',
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    host: process.env.HOST ?? 'localhost',
  },
});
