/** The single-file ES module for a CDN `<script type="module">`: lit, qrcode and the lazy parts inlined. */
import { build } from 'esbuild';
import { productionBundle } from '../build/esbuild-production.mjs';

await build({
  entryPoints: ['dist/index.js'],
  outfile: 'dist/twofa-enroll.bundle.js',
  ...productionBundle,
  sourcemap: true,
  logLevel: 'warning',
});
