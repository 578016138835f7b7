/**
 * `custom-elements.json` is generated from the code, never edited by hand: `npm run analyze` writes it,
 * `npm run check:manifest` (part of `npm test`) fails when the committed file is out of date.
 *
 * The class JSDoc is the contract (`@summary`, `@fires`, `@slot`, `@csspart`, `@cssprop`); attributes and
 * properties come from the code. `litelement: true` reads both ways a Lit element declares its properties
 * — decorators (`@property()`) and `static properties = { … }` with the fields' JSDoc — so the manifest
 * stays the same when one is turned into the other.
 */
import { getTsProgram, typeParserPlugin } from '@wc-toolkit/type-parser';

/** Lifecycle and form callbacks: public in JavaScript, but nothing a page calls. */
const LIFECYCLE = new Set([
  'connectedCallback',
  'disconnectedCallback',
  'attributeChangedCallback',
  'adoptedCallback',
  'formAssociatedCallback',
  'formDisabledCallback',
  'formResetCallback',
  'formStateRestoreCallback',
]);

/** Static fields that are Lit's business, not the element's API. */
const STATIC_INTERNALS = new Set(['styles', 'properties', 'shadowRootOptions', 'formAssociated', 'elementProperties', 'elementStyles']);

/**
 * Keeps the manifest to the public API: no private or protected members (`#x`, `private`, `protected`),
 * no lifecycle callbacks, no Lit statics. Runs before inheritance is applied, so subclasses inherit the
 * cleaned lists.
 */
function publicApiOnly() {
  return {
    name: 'twofa-public-api-only',
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        if (declaration.kind !== 'class' || !declaration.members) continue;
        declaration.members = declaration.members.filter(
          (member) =>
            member.privacy !== 'private' &&
            member.privacy !== 'protected' &&
            !member.name.startsWith('#') &&
            !LIFECYCLE.has(member.name) &&
            !(member.static && STATIC_INTERNALS.has(member.name)),
        );
        if (!declaration.members.length) delete declaration.members;
        // Attributes of state-only fields never exist; keep only those whose field survived.
        if (declaration.attributes) {
          declaration.attributes = declaration.attributes.filter(
            (attribute) => !attribute.fieldName || declaration.members?.some((member) => member.name === attribute.fieldName),
          );
          if (!declaration.attributes.length) delete declaration.attributes;
        }
      }
    },
  };
}

/**
 * Events are documented with `@fires {Type} name - description`. The analyzer also guesses events from
 * `dispatchEvent(new X(arg))` calls, taking the first argument for the name: right for
 * `new CustomEvent('name')`, wrong for our event classes (`new TwofaCopyEvent(ok)` would add an event
 * called "ok"). Keep the documented ones only; `npm run check:manifest` fails on an undocumented event.
 */
function documentedEventsOnly() {
  return {
    name: 'twofa-documented-events-only',
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        if (declaration.kind !== 'class' || !declaration.events) continue;
        declaration.events = declaration.events.filter((event) => event.name && event.description);
        if (!declaration.events.length) delete declaration.events;
      }
    },
  };
}

/**
 * The class JSDoc starts with `@summary` (every element's docs open with one line), and its tag runs on
 * to the next tag, so any paragraph after the summary lands in it. Split it: the first paragraph is the
 * summary (on one line, for editors' hover text), the rest the description.
 */
function summaryThenDescription() {
  return {
    name: 'twofa-summary-then-description',
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        if (declaration.kind !== 'class' || !declaration.summary) continue;
        const [first, ...rest] = declaration.summary.split(/\n\s*\n/);
        declaration.summary = first.replace(/\s*\n\s*/g, ' ').trim();
        const description = [...rest, declaration.description ?? '']
          .map((part) => part.trim())
          .filter(Boolean)
          .join('\n\n');
        declaration.description = description;
      }
    },
  };
}

/** Runs `step` without the type parser's notes on types it will not spell out (see `literalTypes`). */
const quietly =
  (step) =>
  (...args) => {
    const warn = console.warn;
    console.warn = (...message) => (String(message.at(-1)).includes('[type-parser] - Skipped parsing') ? undefined : warn(...message));
    try {
      return step(...args);
    } finally {
      console.warn = warn;
    }
  };

/**
 * `@wc-toolkit/type-parser` writes `parsedType` next to `type` where a type names an alias: `flow`'s
 * `FlowName` becomes its five values, for Storybook's controls, editors and the API reference. Kept only
 * where the values are a list of literals (what a control can offer): the parser also spells out object
 * types (an adapter, an error) in a shape nobody reads. Its notes on the DOM and Lit types it will not
 * spell out are not ours to act on, and stay out of the output.
 */
function literalTypes() {
  const parser = typeParserPlugin();
  const LITERALS = /^('[^']*'|undefined|null)( \| ('[^']*'|undefined|null))*$/;
  return [
    Object.fromEntries(Object.entries(parser).map(([key, value]) => [key, typeof value === 'function' ? quietly(value) : value])),
    {
      name: 'twofa-literal-types-only',
      moduleLinkPhase({ moduleDoc }) {
        for (const declaration of moduleDoc.declarations ?? []) {
          for (const item of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
            if (item.parsedType && (!LITERALS.test(item.parsedType.text) || item.parsedType.text === item.type?.text)) delete item.parsedType;
          }
        }
      },
    },
  ];
}

/** The analyzer reads files in whatever order the file system gives them: sort, so a run is reproducible. */
function stableOrder() {
  return {
    name: 'twofa-stable-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // The type checker, for the type parser (literalTypes): over the shipped sources only.
  overrideModuleCreation({ ts, globs }) {
    return quietly(getTsProgram)(ts, globs, 'tsconfig.build.json')
      .getSourceFiles()
      .filter((file) => globs.some((glob) => file.fileName.includes(glob)));
  },
  exclude: ['src/generated/**', 'src/**/*.test.ts', 'src/**/*.d.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  // The `customElements` field in package.json is maintained by hand (the analyzer would rewrite the file).
  packagejson: false,
  plugins: [...literalTypes(), publicApiOnly(), documentedEventsOnly(), summaryThenDescription(), stableOrder()],
};
