/**
 * Path patterns such as `/helpdesk/employees/:userId`: literal segments, and `:name` segments
 * that match one non-empty segment and hand it over, decoded, as a parameter. Nothing more —
 * no wildcards, no optional parts — so that each address names exactly one screen.
 */
export type RouteParams = Readonly<Record<string, string>>;

const segments = (path: string) => path.split('/').slice(1);

/** The parameters when `path` matches `pattern`, null when it does not. */
export function matchPattern(pattern: string, path: string): RouteParams | null {
  const want = segments(pattern);
  const got = segments(path);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (part.startsWith(':')) {
      if (value === '') return null;
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null; // a malformed escape is no address of ours
      }
    } else if (part !== value) return null;
  }
  return params;
}

/** The address of `pattern` with its parameters filled in (encoded). */
export function buildPath(pattern: string, params: RouteParams = {}): string {
  return pattern.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`${pattern} needs :${name}`);
    return encodeURIComponent(value);
  });
}
