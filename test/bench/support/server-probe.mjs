/**
 * Preloaded into the bench's server process (`--import`), changing nothing else: it tells the
 * bench which threads are libuv's thread pool (where argon2id runs) and answers each "sample"
 * with the event loop's active time so far, so that time the main thread spends blocked inside
 * synchronous calls (libsql's fsync) shows beside its CPU time. Plain JavaScript: the server it
 * is preloaded into is the built bundle, run without a TypeScript loader.
 */
import { pbkdf2 } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// Node 20 names every thread "node", and the pool has started before this runs (the module
// loader reads files through it). So give the pool one job per thread, a pbkdf2 long enough
// (about a hundred milliseconds) to stand out from any other thread's work, and take the threads
// that ran one. A pool thread busy with a file read meanwhile leaves both jobs to the other, so
// rounds repeat until every thread of the pool has been seen: taking the busiest threads of a
// single round once counted a thread of tsx's module loader, and half of argon2id as "other".
function cpuNs() {
  const cpu = new Map();
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
const found = new Set();
for (let round = 0; round < 10 && found.size < size; round++) {
  const before = cpuNs();
  await Promise.all(Array.from({ length: size }, () => new Promise((resolve) => pbkdf2('probe', 'probe', 200_000, 32, 'sha256', resolve))));
  const gains = [...cpuNs()].filter(([tid]) => tid !== process.pid).map(([tid, ns]) => ({ tid, gained: ns - (before.get(tid) ?? 0) }));
  const most = Math.max(...gains.map((g) => g.gained));
  for (const { tid, gained } of gains) if (gained >= most / 2) found.add(tid);
}
const threadPool = [...found];

if (process.send) {
  process.on('message', (message) => {
    if (message === 'sample') process.send?.({ eventLoopActiveMs: performance.eventLoopUtilization().active, threadPool });
  });
  // The IPC channel must not keep a server that was told to stop alive.
  process.channel?.unref();
}
