/**
 * Preloaded into the bench's server process (`--import`), changing nothing else: it tells the
 * bench which threads are libuv's thread pool (where argon2id runs) and answers each "sample"
 * with the event loop's active time so far, so that time the main thread spends blocked inside
 * synchronous calls (libsql's fsync) shows beside its CPU time.
 */
import { pbkdf2 } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// Node 20 names every thread "node", and the pool has started before this runs (the module
// loader reads files through it). So give each pool thread a job of its own, a few dozen
// milliseconds of pbkdf2, and take the threads that ran them.
function cpuNs(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      cpu.set(Number(tid), Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // ended meanwhile
    }
  }
  return cpu;
}
const size = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
const before = cpuNs();
await Promise.all(Array.from({ length: size }, () => new Promise((resolve) => pbkdf2('probe', 'probe', 40_000, 32, 'sha256', resolve))));
const threadPool = [...cpuNs()]
  .map(([tid, ns]) => ({ tid, gained: ns - (before.get(tid) ?? 0) }))
  .filter(({ tid }) => tid !== process.pid)
  .sort((a, b) => b.gained - a.gained)
  .slice(0, size)
  .map(({ tid }) => tid);

if (process.send) {
  process.on('message', (message) => {
    if (message === 'sample') process.send?.({ eventLoopActiveMs: performance.eventLoopUtilization().active, threadPool });
  });
  // The IPC channel must not keep a server that was told to stop alive.
  process.channel?.unref();
}
