/** The single-file ES module for a CDN `<script type="module">`: lit, qrcode and the lazy parts inlined. */
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/index.js'],
  outfile: 'dist/twofa-enroll.bundle.js',
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  sourcemap: true,
  logLevel: 'warning',
});
