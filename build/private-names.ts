/**
 * Private members ship with short names. The kit names them by Lit's convention, with a `_` prefix
 * (`_onSubmit`, `_machine`), and esbuild's `mangleProps` renames exactly those: protected and public
 * members keep their names, so the published types are true to what runs, and a subclass written
 * against them works. Names starting `_$` are Lit's own and left alone.
 *
 * Modules are transformed one at a time, so every call gets the same complete table (`mangleCache`),
 * planned once per build from all library sources: a member named in one module and used in
 * another gets one name. A string naming a private member (`changed.has('_drawing')`) says so with
 * esbuild's `/* @__KEY__ *\/` mark, or keeps the long name and breaks in the built kit's tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';

const PRIVATE = /^_[A-Za-z]/;

/** Every `_name` in the library's sources, each with a short name: `_0`, `_1`, … in name order. */
function planNames(srcDir: string): Record<string, string> {
  const names = new Set<string>();
  for (const entry of readdirSync(srcDir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts') || entry.includes('generated')) continue;
    for (const [name] of readFileSync(join(srcDir, entry), 'utf8').matchAll(/(?<![\w$])_[A-Za-z][\w$]*/g)) names.add(name);
  }
  return Object.fromEntries([...names].sort().map((name, i) => [name, `_${i.toString(36)}`]));
}

export function privateNamesPlugin() {
  let names: Record<string, string> = {};
  return {
    name: 'twofa-private-names',
    enforce: 'pre' as const,
    apply: 'build' as const,
    buildStart() {
      names = planNames(new URL('../src', import.meta.url).pathname);
    },
    async transform(code: string, id: string) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      const result = await transform(code, {
        loader: 'ts',
        target: 'es2022',
        sourcefile: id,
        sourcemap: true,
        // Lit's reactive properties are accessors on the prototype: class fields must not shadow them.
        tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
        mangleProps: PRIVATE,
        mangleCache: names,
      });
      const added = Object.keys(result.mangleCache ?? {}).filter((name) => !(name in names));
      if (added.length) throw new Error(`${id}: private names the plan did not see: ${added.join(', ')}`);
      return { code: result.code, map: result.map };
    },
  };
}
