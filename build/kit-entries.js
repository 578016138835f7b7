/**
 * The kit's public entries as its users import them (`twofa-enroll`, `twofa-enroll/adapter/http`, …),
 * each resolved to the built `dist/` module that package.json "exports" names (what ships), or to
 * its source module (the entry's types name it: `dist/types/x.d.ts` → `src/x.ts`). The component
 * tests (test/runner/kit-under-test.js) and the demo page (server/demo-server.js) import the kit
 * only through these.
 */
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

export const KIT_NAME = pkg.name;

/**
 * The kit's elements, one export each (`twofa-enroll/<tag>.js`), in package.json's order (the wizard,
 * the steps in flow order, the shared pieces): the build makes an entry of each, the API reference
 * lists them in this order.
 */
export const ELEMENT_TAGS = Object.keys(pkg.exports)
  .map((subpath) => /^\.\/(twofa-[a-z-]+)\.js$/.exec(subpath)?.[1])
  .filter((tag) => tag !== undefined);

/**
 * Every script entry: `[specifier, path relative to the repository]`.
 * @param {'dist' | 'src'} kit
 */
export function kitEntries(kit) {
  return Object.entries(pkg.exports)
    .filter(([, entry]) => entry.import)
    .map(([subpath, entry]) => [
      `${pkg.name}${subpath.slice(1)}`,
      kit === 'src' ? entry.types.replace('./dist/types/', './src/').replace(/\.d\.ts$/, '.ts') : entry.import,
    ])
    .filter(([specifier, path]) => {
      if (existsSync(new URL(path, root))) return true;
      // The framework wrappers (`/react`, `/vue`) are written by the build: they have no source module.
      if (kit === 'src') return false;
      throw new Error(`${specifier}: ${path} does not exist (run \`npm run build\` first)`);
    })
    .map(([specifier, path]) => [specifier, path.slice(2)]);
}

/**
 * Vite's `resolve.alias` for the kit's entries.
 * @param {'dist' | 'src'} kit
 */
export const kitAliases = (kit) =>
  kitEntries(kit).map(([specifier, path]) => ({
    find: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
    replacement: new URL(path, root).pathname,
  }));
