/** esbuild settings for bundling `dist/` as a production application would: the CDN bundle, the size budget, the bench pages. */
export const productionBundle = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
};
