import { defineConfig } from 'vite';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { messagesPlugin } from './build/messages.js';
import { privateNamesPlugin } from './build/private-names.js';

/**
 * The library build for npm: one ES module per public entry (main, each element, each adapter),
 * shared code in chunks, dependencies left to the consumer's bundler so `lit` is never loaded twice.
 */
const elements = [
  'enroll/twofa-enroll',
  'steps/twofa-step-password',
  'steps/twofa-step-info',
  'steps/twofa-step-method',
  'steps/twofa-step-qr',
  'steps/twofa-step-confirm',
  'steps/twofa-step-sms',
  'steps/twofa-step-sms-code',
  'steps/twofa-step-email',
  'steps/twofa-step-email-code',
  'steps/twofa-step-emergency',
  'steps/twofa-step-done',
  'components/twofa-code-input',
  'components/twofa-qr-code',
  'components/twofa-copy-button',
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
        ...Object.fromEntries(elements.map((path) => [path.split('/')[1], `src/${path}.ts`])),
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
