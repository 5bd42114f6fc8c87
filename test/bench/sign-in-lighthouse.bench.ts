/**
 * Lighthouse's mobile run (its default: Moto G Power viewport, simulated slow 4G and 4× CPU
 * slowdown) on the sign-in screen of the built app, served by the real server. Prints the four
 * category scores, First and Largest Contentful Paint, each the median of RUNS cold loads.
 * Goal (issue 7, item 16): LCP ≤ 1.2 s, every score 1.0. The figures move with the machine's load:
 * Lighthouse multiplies the tasks' observed (wall-clock) durations by 4, so a busy machine's
 * preempted tasks count as long ones. Total Blocking Time and the load average are printed too.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import chromiumConfig from '../chromium.json' with { type: 'json' };
import { startAppServer } from './support/app-server';

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
// A path prefix: each run's full report is kept as <prefix>-<run>.json, to read the LCP element,
// its phases, the long tasks and the main thread's work.
const KEEP_REPORTS = process.env.BENCH_LIGHTHOUSE_KEEP;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface RunFigures {
  scores: Record<(typeof CATEGORIES)[number], number>;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function lighthouseRun(url: string, port: number, run: number): Promise<RunFigures> {
  const result = await lighthouse(url, { port, logLevel: 'error', output: 'json', onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error('Lighthouse returned no result');
  if (KEEP_REPORTS) await writeFile(`${KEEP_REPORTS}-${run + 1}.json`, JSON.stringify(result.lhr));
  const { categories, audits } = result.lhr;
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, categories[id]?.score ?? Number.NaN])) as RunFigures['scores'];
  return {
    scores,
    fcpMs: audits['first-contentful-paint']?.numericValue ?? Number.NaN,
    lcpMs: audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
    tbtMs: audits['total-blocking-time']?.numericValue ?? Number.NaN,
  };
}

export async function benchSignInLighthouse(): Promise<void> {
  try {
    await measure();
  } catch (error) {
    // A benchmark prints; it never fails the run.
    process.stdout.write(`Sign-in screen, Lighthouse mobile: could not run (${error instanceof Error ? error.message : String(error)})\n`);
  }
}

async function measure(): Promise<void> {
  const server = await startAppServer();
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumConfig.executablePath,
    chromeFlags: ['--headless=new', ...chromiumConfig.args],
  });
  try {
    const runs: RunFigures[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await lighthouseRun(`${server.origin}/`, chrome.port, i));
    const score = (id: (typeof CATEGORIES)[number]) => median(runs.map((run) => run.scores[id])).toFixed(2);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const lcps = runs.map((run) => run.lcpMs);
    process.stdout.write(
      `Sign-in screen, Lighthouse mobile (median of ${RUNS}; goal: LCP ≤ 1.2 s, every score 1.00)\n` +
        `  performance ${score('performance')}, accessibility ${score('accessibility')}, ` +
        `best practices ${score('best-practices')}, SEO ${score('seo')}\n` +
        `  FCP ${seconds(median(runs.map((run) => run.fcpMs)))}, LCP ${seconds(median(lcps))} ` +
        `(runs: ${lcps.map(seconds).join(', ')}), TBT ${Math.round(median(runs.map((run) => run.tbtMs)))} ms ` +
        `(runs: performance ${runs.map((run) => run.scores.performance.toFixed(2)).join(', ')})\n` +
        `  load average ${loadavg()
          .map((load) => load.toFixed(2))
          .join(', ')} on ${availableParallelism()} cores\n`,
    );
  } finally {
    chrome.kill();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSignInLighthouse();
