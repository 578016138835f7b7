/**
 * What the component tests import as `twofa-enroll` (and `twofa-enroll/adapter/memory`, …): the built
 * `dist/` that ships, as package.json "exports" names it (build/kit-entries.js). KIT=src serves the
 * source modules instead, for a quick loop without a build; `npm test` tests dist/.
 *
 * Tests import the kit only by its package name. Modules they test on their own (the machine, the
 * otpauth URI, formatting) they import from src/, as a separate copy: such a module must never
 * define an element or hold state that the kit's copy shares.
 */
import { KIT_NAME, kitEntries } from '../../build/kit-entries.js';

const kitSource = process.env.KIT === 'src' ? 'src' : 'dist';

export function kitUnderTest() {
  let entries;
  return {
    name: 'kit-under-test',
    resolveImport({ source }) {
      if (source !== KIT_NAME && !source.startsWith(`${KIT_NAME}/`)) return undefined;
      entries ??= new Map(kitEntries(kitSource));
      const path = entries.get(source);
      if (!path) throw new Error(`${source}: not an entry of the package`);
      return `/${path}`;
    },
  };
}
