/**
 * `npx tsx test/bench/support/cpu-profile-summary.ts FILE.cpuprofile [N]`: where a V8 CPU profile
 * (BENCH_CPU_PROF=dir on a bench) spent its self time, by package or source folder, then the N
 * heaviest functions. For reading a profile, not part of `npm run bench`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function area(url: string): string {
  if (!url) return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const own = /\/(server|shared)\/([^/]+)/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
}

const [file, top = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-summary.ts FILE.cpuprofile [N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  total += us;
  if (frame.functionName === '(idle)') continue;
  byArea.set(area(frame.url), (byArea.get(area(frame.url)) ?? 0) + us);
  const name = `${frame.functionName || '(anonymous)'} ${area(frame.url)}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
}
const print = (title: string, rows: Map<string, number>, n: number) => {
  process.stdout.write(`${title}\n`);
  for (const [name, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    process.stdout.write(`  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}\n`);
  }
};
process.stdout.write(`${(total / 1000).toFixed(0)} ms sampled\n`);
print('self time by area', byArea, 20);
print('heaviest functions', byFunction, Number(top));
