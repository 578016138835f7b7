import { defineConfig } from 'vite';

/**
 * Storybook's Vite settings. The stories import the kit from `src/` (TypeScript with experimental
 * decorators, read from tsconfig.json); `qrcode` is CommonJS, which Vite converts.
 */
export default defineConfig({
  // Storybook's own chunk list says nothing about the kit.
  logLevel: 'warn',
  // One copy of Lit for Storybook's renderer and the kit, also in the dev server's pre-bundled deps.
  resolve: { dedupe: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'] },
  optimizeDeps: { include: ['lit', 'lit/directive-helpers.js'] },
  build: {
    target: 'es2022',
    // The preview is one big chunk of Storybook's own code; the warning says nothing about the kit.
    chunkSizeWarningLimit: 4096,
  },
});
