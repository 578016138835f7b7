/** The single-file ES module for a CDN `<script type="module">`: lit, qrcode and the lazy parts inlined. */
import { build } from 'esbuild';
import { productionBundle } from '../build/esbuild-production.mjs';

/**
 * All but the pseudo-locale (`qps`), a tool for designers and translators that no page should pay 4 KB
 * for: it stays a lazy import of dist/generated/locales/qps.js, which sits next to the bundle in the
 * package (a page served the bundle alone shows English for `lang="qps"`).
 */
const pseudoLocaleApart = {
  name: 'pseudo-locale-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/generated\/locales\/qps\.js$/ }, ({ path }) => ({ path, external: true }));
  },
};

await build({
  entryPoints: ['dist/index.js'],
  outfile: 'dist/twofa-enroll.bundle.js',
  ...productionBundle,
  plugins: [pseudoLocaleApart],
  sourcemap: true,
  logLevel: 'warning',
});
