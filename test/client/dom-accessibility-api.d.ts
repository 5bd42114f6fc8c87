// dom-accessibility-api ships its types, but its package.json "exports" does not point to them,
// so TypeScript's bundler resolution cannot find them: the three functions the helpers use.
declare module 'dom-accessibility-api' {
  export function computeAccessibleName(root: Element): string;
  export function computeAccessibleDescription(root: Element): string;
  export function getRole(element: Element): string | null;
}
