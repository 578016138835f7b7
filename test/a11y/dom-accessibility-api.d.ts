// dom-accessibility-api 0.5 has types, but its package.json "exports" does not point to them, so
// `moduleResolution: bundler` cannot find them: the functions the tests use, as that package types them.
declare module 'dom-accessibility-api' {
  export function computeAccessibleName(root: Element): string;
  export function computeAccessibleDescription(root: Element): string;
  export function getRole(element: Element): string | null;
}
