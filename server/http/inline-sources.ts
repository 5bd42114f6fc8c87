import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** CSP source expressions (`'sha256-…'`) for the inline scripts and stylesheets of one document. */
export interface InlineSourceHashes {
  scripts: string[];
  styles: string[];
}

const NONE: InlineSourceHashes = { scripts: [], styles: [] };

function hashOf(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The built app shell carries its stylesheet and first-screen script inline, so that the first
 * screen paints with the HTML alone (vite.config.ts, `firstScreenInline`). The CSP allows exactly
 * those by their hashes, read here from the document the server serves: an inline script the
 * build did not write, injected markup included, still does not run. Read once at start; a new
 * deployment comes with a restart. Without a built client there is nothing inline to allow.
 */
export function inlineSourceHashes(clientRoot: string): InlineSourceHashes {
  let html: string;
  try {
    html = readFileSync(join(clientRoot, 'index.html'), 'utf8');
  } catch {
    return NONE;
  }
  const contents = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => hashOf(match[1] ?? ''));
  return {
    // Only scripts without attributes: a `src` script is 'self', and a module entry as well.
    scripts: contents(/<script>([\s\S]*?)<\/script>/g),
    styles: contents(/<style>([\s\S]*?)<\/style>/g),
  };
}
