import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** CSP source expressions (`'sha256-…'`) for the inline scripts and stylesheets of one document. */
export interface InlineSourceHashes {
  scripts: string[];
  styles: string[];
}

const NONE: InlineSourceHashes = { scripts: [], styles: [] };
// How long a reading of the document is trusted before its modification time is looked at again.
const RECHECK_MS = 1000;

function hashOf(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function read(path: string): InlineSourceHashes {
  let html: string;
  try {
    html = readFileSync(path, 'utf8');
  } catch {
    return NONE;
  }
  const contents = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => hashOf(match[1] ?? ''));
  return {
    // Only scripts without attributes: a `src` script is 'self'.
    scripts: contents(/<script>([\s\S]*?)<\/script>/g),
    styles: contents(/<style>([\s\S]*?)<\/style>/g),
  };
}

/**
 * The built app shell carries its stylesheet and first-screen script inline, so that the first
 * screen paints with the HTML alone (vite.config.ts, `firstScreenInline`). The CSP allows exactly
 * those by their hashes, read from the document the server serves: an inline script the build
 * did not write, injected markup included, still does not run. The answer is the same object as
 * long as the document is unchanged; a new deployment copied in place of the old one is read
 * again within a second (its script, refused, would leave the app unstarted). Without a built
 * client there is nothing inline to allow.
 */
export function inlineSourceHashes(clientRoot: string): () => InlineSourceHashes {
  const path = join(clientRoot, 'index.html');
  const modified = () => {
    try {
      return statSync(path).mtimeMs;
    } catch {
      return Number.NaN;
    }
  };
  let checkedAt = Date.now();
  let readAt = modified();
  let hashes = read(path);
  return () => {
    const now = Date.now();
    if (now - checkedAt < RECHECK_MS) return hashes;
    checkedAt = now;
    const mtime = modified();
    if (!Object.is(mtime, readAt)) {
      readAt = mtime;
      hashes = read(path);
    }
    return hashes;
  };
}
