import { defineConfig } from 'vite';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { messagesPlugin } from './build/messages.js';
import { privateNamesPlugin } from './build/private-names.js';

/**
 * The library build for npm: one ES module per public entry (main, each element, each adapter),
 * shared code in chunks, dependencies left to the consumer's bundler so `lit` is never loaded twice.
 * Each element lives in its own folder, `src/<tag>/<tag>.ts` being its registration.
 */
const elements = [
  'twofa-enroll',
  'twofa-step-password',
  'twofa-step-info',
  'twofa-step-method',
  'twofa-step-qr',
  'twofa-step-confirm',
  'twofa-step-sms',
  'twofa-step-sms-code',
  'twofa-step-email',
  'twofa-step-email-code',
  'twofa-step-emergency',
  'twofa-step-done',
  'twofa-code-input',
  'twofa-qr-code',
  'twofa-copy-button',
];

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
        'adapter/http': 'src/adapter/http-adapter.ts',
        'adapter/memory': 'src/adapter/memory-adapter.ts',
        ...Object.fromEntries(elements.map((tag) => [tag, `src/${tag}/${tag}.ts`])),
      },
    },
    rollupOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^qrcode($|\/)/, /^otpauth($|\/)/],
      output: {
        // Locale modules keep their names, so size checks and CDN users can tell them apart.
        chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => id.includes('/src/generated/locales/')) ? 'generated/locales/[name].js' : '[name]-[hash].js'),
      },
    },
  },
});
