import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** CommonJS packages the dev server cannot serve as ES modules: bundled to ESM on request. */
const COMMONJS = ['qrcode', 'jsqr'];

export function commonjsAsEsm() {
  return {
    name: 'commonjs-as-esm',
    async serve(context) {
      const match = COMMONJS.find((pkg) => context.path.includes(`/node_modules/${pkg}/`));
      if (!match || !context.path.endsWith('.js')) return undefined;
      const result = await build({
        entryPoints: [fileURLToPath(new URL(`../..${context.path}`, import.meta.url))],
        bundle: true,
        format: 'esm',
        write: false,
        platform: 'browser',
        logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}
