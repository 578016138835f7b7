/**
 * Stories read the API from `custom-elements.json`, the same file autodocs shows: which args are
 * attributes, which are properties, which are CSS custom properties, and which events to report in the
 * Actions panel. Nothing here lists an element's API by hand.
 *
 * Kept rather than @wc-toolkit/storybook-helpers (10.5.1, weighed against this file): it makes the same
 * selects from the manifest, but gives object and array properties (`error`, `adapter`, `methods`)
 * text fields instead of JSON controls and custom properties text fields instead of colour pickers, its
 * element template cannot set property-only args or report events as `renderElement` does, and it imports
 * Node's `path` into the browser bundle. Using it would save about 40 lines and lose those.
 */
import type { ArgTypes } from '@storybook/web-components-vite';
import manifest from '../../custom-elements.json';

interface Item {
  name: string;
  description?: string;
  default?: string;
  type?: { text: string };
  /** A type alias spelled out as its values (`FlowName` → `'standard' | …`), where they are literals. */
  parsedType?: { text: string };
}
interface Member extends Item {
  kind: 'field' | 'method';
  attribute?: string;
  static?: boolean;
  readonly?: boolean;
}
interface Attribute extends Item {
  fieldName?: string;
}
export interface Declaration {
  name: string;
  tagName?: string;
  summary?: string;
  description?: string;
  attributes?: Attribute[];
  members?: Member[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
}

type Args = Record<string, unknown>;

const DEFAULT_SLOT = '(default)';

const declarations: Declaration[] = (manifest as { modules: { declarations?: Declaration[] }[] }).modules.flatMap((module) => module.declarations ?? []);

/**
 * The manifest as Storybook's docs get it. Storybook's reader skips entries without a name, which would
 * hide the default slot (`name: ""`): it is listed as "(default)".
 */
export const docsManifest = JSON.parse(JSON.stringify(manifest), (key, value) =>
  key === 'slots' && Array.isArray(value) ? value.map((slot) => (slot.name ? slot : { ...slot, name: DEFAULT_SLOT })) : value,
);

export function declarationOf(tag: string): Declaration {
  const declaration = declarations.find((candidate) => candidate.tagName === tag);
  if (!declaration) throw new Error(`${tag} is not in custom-elements.json: run npm run analyze`);
  return declaration;
}

/** `twofa-step-change` → `onTwofaStepChange`: the arg Storybook turns into an action (see its web-components docs). */
export function handlerArg(event: string): string {
  const camel = event.replace(/[-_:.\s]+(.)?/g, (_, chr: string | undefined) => (chr ? chr.toUpperCase() : ''));
  return `on${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}

/** `'off' | 'optional' | 'required'` → the options of a select control. */
function literalOptions(type: string | undefined): string[] | null {
  if (!type) return null;
  const parts = type.split('|').map((part) => part.trim());
  return parts.length > 1 && parts.every((part) => /^'[^']*'$/.test(part) || /^"[^"]*"$/.test(part)) ? parts.map((part) => part.slice(1, -1)) : null;
}

function controlFor(item: Item) {
  const text = (item.parsedType ?? item.type)?.text.replace(/\s*\|\s*undefined$/, '');
  const options = literalOptions(text);
  if (options) return { control: { type: 'select' as const }, options };
  if (text === 'boolean') return { control: { type: 'boolean' as const } };
  if (text === 'number') return { control: { type: 'number' as const } };
  if (text === 'string') return { control: { type: 'text' as const } };
  return { control: { type: 'object' as const } };
}

/**
 * Controls for every attribute (by attribute name), every property without an attribute (objects:
 * JSON), and every CSS custom property (a colour picker where the default is a colour). Storybook's own
 * manifest reader supplies the descriptions, types, defaults and the docs tables; this adds the controls
 * it cannot infer (unions of string literals become selects) and hides duplicates.
 */
export function argTypesFor(tag: string): ArgTypes {
  const declaration = declarationOf(tag);
  const argTypes: ArgTypes = {};
  for (const attribute of declaration.attributes ?? []) {
    argTypes[attribute.name] = { ...controlFor(attribute), table: { category: 'attributes' } };
  }
  for (const member of declaration.members ?? []) {
    if (member.kind !== 'field' || member.static) continue;
    if (member.attribute && member.attribute !== member.name) {
      // Set through its attribute's control; the docs table still lists the property.
      argTypes[member.name] = { control: false, table: { category: 'properties' } };
    } else if (!member.attribute) {
      argTypes[member.name] = member.readonly
        ? { control: false, table: { category: 'properties' } }
        : { ...controlFor(member), table: { category: 'properties' } };
    }
  }
  for (const property of declaration.cssProperties ?? []) {
    const colour = property.default?.startsWith('#');
    argTypes[property.name] = { control: { type: colour ? 'color' : 'text' }, table: { category: 'css custom properties' } };
  }
  // Documented, but nothing to set: events (they show in the Actions panel), parts and slots. Keyed apart
  // (shown under their own name), so a part named like a property (`error`, `methods`) keeps its control.
  for (const event of declaration.events ?? []) argTypes[`${event.name}-event`] = { name: event.name, control: false, table: { category: 'events' } };
  for (const part of declaration.cssParts ?? []) argTypes[`${part.name}-part`] = { name: part.name, control: false, table: { category: 'css shadow parts' } };
  for (const slot of declaration.slots ?? []) {
    const name = slot.name || DEFAULT_SLOT;
    argTypes[`${name}-slot`] = { name, control: false, table: { category: 'slots' } };
  }
  return argTypes;
}

/**
 * Creates the element from args, the way a page would: attributes for attribute args, properties for
 * property-only args, inline custom properties for `--twofa-*` args, and a listener per documented
 * event that reports to the Actions panel.
 */
export function renderElement<T extends HTMLElement = HTMLElement>(tag: string, args: Args, ...children: (Node | string)[]): T {
  const declaration = declarationOf(tag);
  const element = document.createElement(tag) as T;
  const attributeNames = new Set((declaration.attributes ?? []).map((attribute) => attribute.name));
  for (const attribute of declaration.attributes ?? []) {
    const value = args[attribute.name];
    if (value === undefined || value === null || value === false || value === '') continue;
    // Arrays and objects (e.g. `methods`) go in as properties, as a page's framework would set them.
    if (typeof value === 'object') (element as unknown as Args)[attribute.fieldName ?? attribute.name] = value;
    else element.setAttribute(attribute.name, value === true ? '' : String(value));
  }
  for (const member of declaration.members ?? []) {
    if (member.kind !== 'field' || member.static || member.readonly || attributeNames.has(member.name)) continue;
    const value = args[member.name];
    if (value !== undefined) (element as unknown as Args)[member.name] = value;
  }
  for (const property of declaration.cssProperties ?? []) {
    const value = args[property.name];
    if (typeof value === 'string' && value) element.style.setProperty(property.name, value);
  }
  for (const event of declaration.events ?? []) {
    element.addEventListener(event.name, (fired) => {
      const handler = args[handlerArg(event.name)];
      if (typeof handler === 'function') handler(fired);
    });
  }
  element.append(...children);
  return element;
}

/** Summary and description together: Storybook's reader shows only the description. */
export function componentDescription(tag: string): string {
  const { summary, description } = declarationOf(tag);
  return [summary, description].filter(Boolean).join('\n\n');
}

/** Prose shown above a story in the docs page (each story says what it shows before it shows it). */
export function prose(text: string, extra: Record<string, unknown> = {}) {
  return { docs: { description: { story: text } }, ...extra };
}

/** A story at 320 CSS pixels: the narrowest screen the kit supports (the test opens it in a 320 px viewport). */
export const NARROW = {
  tags: ['narrow'],
  globals: { viewport: { value: 'narrow320', isRotated: false } },
};
