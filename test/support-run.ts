/**
 * Runs one command, streaming its output, and reads the counts a test runner printed
 * (node's spec reporter "ℹ pass N" lines, or "N passed, N failed").
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface LayerResult {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  note?: string;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      target.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

export function counts(output: string): { passed: number; failed: number; skipped: number } {
  const node = (label: string) => [...output.matchAll(new RegExp(`^ℹ ${label} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  if (/^ℹ pass \d+$/m.test(output)) return { passed: node('pass'), failed: node('fail') + node('cancelled'), skipped: node('skipped') };
  const plain = [...output.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)].at(-1);
  return plain
    ? { passed: Number(plain[1]), failed: Number(plain[2]), skipped: Number(plain[3] ?? 0) }
    : { passed: 0, failed: 0, skipped: 0 };
}

/** Test files under a folder (Node 20's --test does not expand globs itself). */
export function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
    .sort();
}
