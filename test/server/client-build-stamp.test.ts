import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isBuildCurrent, sourceHash, writeStamp } from '../../scripts/client-build-stamp';

describe('npm start builds only when the sources changed', () => {
  const root = mkdtempSync(join(tmpdir(), 'sesame-stamp-'));
  const put = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  before(() => {
    put('client/main.ts', 'console.log(1);');
    put('client/locales/fr.ts', 'generated');
    put('shared/x.ts', 'export const x = 1;');
    put('public/manifest.webmanifest', '{}');
    put('package-lock.json', '{}');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('no build yet: build', () => {
    assert.equal(isBuildCurrent(root), false);
  });

  test('built from these sources: no build, even after a touch or regenerated locales', () => {
    put('dist/client/index.html', '<!doctype html>');
    writeStamp(root, sourceHash(root));
    assert.equal(isBuildCurrent(root), true);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'client/main.ts'), later, later);
    put('client/locales/fr.ts', 'generated again');
    assert.equal(isBuildCurrent(root), true);
  });

  test('an edited, added or removed source: build', () => {
    put('shared/x.ts', 'export const x = 2;');
    assert.equal(isBuildCurrent(root), false);
    put('shared/x.ts', 'export const x = 1;');
    assert.equal(isBuildCurrent(root), true);
    put('public/new.svg', '<svg/>');
    assert.equal(isBuildCurrent(root), false);
    rmSync(join(root, 'public/new.svg'));
    assert.equal(isBuildCurrent(root), true);
    put('package-lock.json', '{"lockfileVersion":3}');
    assert.equal(isBuildCurrent(root), false);
  });

  test('the built app removed: build', () => {
    put('package-lock.json', '{}');
    assert.equal(isBuildCurrent(root), true);
    rmSync(join(root, 'dist/client/index.html'));
    assert.equal(isBuildCurrent(root), false);
  });
});
