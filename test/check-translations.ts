/**
 * Every message the page shows must exist in French. Extracts the messages from the current
 * sources into a scratch copy of the XLIFF file (the committed one is left alone) and fails
 * on any message without a French target, or whose placeholders differ from the English, and
 * on wording that breaks the house rules (test/wording-rules.ts): British spellings in the
 * English, French typography.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { britishSpellings, frenchTypographyProblems } from './wording-rules';

const root = resolve(import.meta.dirname, '..');
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'sesame-i18n-'));

try {
  cpSync(join(root, config.interchange.xliffDir), join(scratch, 'xliff'), { recursive: true });
  const scratchConfig = {
    ...config,
    tsConfig: join(root, config.tsConfig),
    output: { ...config.output, outputDir: join(scratch, 'out'), localeCodesModule: join(scratch, 'locale-codes.ts') },
    interchange: { ...config.interchange, xliffDir: join(scratch, 'xliff') },
  };
  writeFileSync(join(scratch, 'lit-localize.json'), JSON.stringify(scratchConfig));
  execFileSync(join(root, 'node_modules/.bin/lit-localize'), ['extract', '--config', join(scratch, 'lit-localize.json')], {
    cwd: root,
    stdio: 'pipe',
  });

  const problems: string[] = [];
  let messages = 0;
  for (const locale of config.targetLocales as string[]) {
    const xliff = readFileSync(join(scratch, 'xliff', `${locale}.xlf`), 'utf8');
    for (const unit of xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
      messages++;
      const [, id, body = ''] = unit;
      const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '';
      const target = /<target>([\s\S]*?)<\/target>/.exec(body)?.[1];
      const placeholders = (text: string) =>
        [...text.matchAll(/<x id="(\d+)"/g)]
          .map((m) => m[1])
          .sort()
          .join(',');
      // The words only: placeholders are <x id="…" equiv-text="…"/> elements.
      const words = (text: string) => text.replace(/<x [^>]*\/>/g, '…');
      for (const spelling of britishSpellings(words(source)))
        problems.push(`en ${id}: "${spelling}" is British; Canadian English spells it with -ize`);
      if (target === undefined || target.trim() === '') problems.push(`${locale} ${id}: no translation for "${source}"`);
      else if (placeholders(source) !== placeholders(target)) problems.push(`${locale} ${id}: placeholders differ in "${target}"`);
      else if (locale === 'fr') {
        for (const problem of frenchTypographyProblems(words(target))) problems.push(`fr ${id}: ${problem} in "${target}"`);
      }
    }
  }
  for (const problem of problems) process.stdout.write(`✖ ${problem}\n`);
  process.stdout.write(
    problems.length
      ? `\n${problems.length} of ${messages} messages lack a correct French translation.\nAdd them to ${config.interchange.xliffDir} (npm run i18n:extract adds the new units).\n`
      : `Every one of the ${messages} messages has its French translation.\n`,
  );
  process.stdout.write(`${messages - problems.length} passed, ${problems.length} failed\n`);
  process.exitCode = problems.length ? 1 : 0;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
