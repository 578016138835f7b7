import { dirname, relative } from 'node:path';
import { defineConfig } from 'vite';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { messagesPlugin } from './build/messages.js';
import { privateNamesPlugin } from './build/private-names.js';
import { ELEMENT_TAGS } from './build/kit-entries.js';

/**
 * The library build for npm: one ES module per public entry (main, each element, each adapter),
 * shared code in chunks, dependencies left to the consumer's bundler so `lit` is never loaded twice.
 * Each element (one per package.json export) lives in its own folder, `src/<tag>/<tag>.ts` being its registration.
 */

export default defineConfig({
  plugins: [messagesPlugin(), privateNamesPlugin(), minifyTemplateLiterals({ failOnError: true })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    lib: {
      formats: ['es'],
      entry: {
        index: 'src/index.ts',
        'adapter/http': 'src/adapter/http.ts',
        'adapter/memory': 'src/adapter/memory-adapter.ts',
        ...Object.fromEntries(ELEMENT_TAGS.map((tag) => [tag, `src/${tag}/${tag}.ts`])),
      },
    },
    rollupOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^qrcode($|\/)/, /^otpauth($|\/)/],
      output: {
        // Locale modules keep their paths (the core's, the panel's), so size checks and CDN users can tell them apart.
        chunkFileNames: (chunk) => {
          const locale = chunk.moduleIds.find((id) => /\/src\/(generated\/locales|twofa-manage\/messages)\//.test(id));
          return locale ? `${dirname(relative('src', locale))}/[name].js` : '[name]-[hash].js';
        },
      },
    },
  },
});
