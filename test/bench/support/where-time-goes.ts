/**
 * Where a sign-in's time goes, measured rather than guessed: CPU time per thread of the server
 * process (Linux `/proc/<pid>/task/<tid>/schedstat`: nanoseconds on a CPU), the server's
 * event-loop utilisation (asked of the server-probe.mjs preload over IPC), the bench client's own
 * CPU and, on PostgreSQL, the CPU of the database's backends serving the bench's database.
 *
 * CPU time, unlike throughput, hardly depends on what else the shared machine runs: the ratio
 * "argon2id's CPU ÷ all CPU a sign-in costs" is what the throughput ratio would be on an
 * otherwise idle machine (every core busy, all of it on this work).
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpu {
  /** The libuv thread pool: argon2id (and nothing else on the sign-in path). */
  argon2Ms: number;
  /** The event loop's thread: HTTP, routing, validation, drizzle, libsql's synchronous calls. */
  mainMs: number;
  /** V8's platform threads (garbage collection, compilation) and any other. */
  otherMs: number;
}

export interface Sample {
  at: number;
  server: ThreadCpu & { mainWaitingMs: number };
  /** Event loop active (not waiting in poll), in ms: main-thread CPU plus time blocked inside synchronous calls (fsync). */
  eventLoopActiveMs: number;
  clientMs: number;
  databaseMs: number;
}

/** schedstat: [ns on a CPU, ns runnable but waiting for one]. */
function schedNs(path: string): [number, number] {
  try {
    const [onCpu, waiting] = readFileSync(path, 'utf8').split(' ').map(Number);
    return [onCpu ?? 0, waiting ?? 0];
  } catch {
    return [0, 0]; // the thread ended between listing and reading
  }
}

/** `threadPool`: libuv's threads, as server-probe.mjs found them. */
export function threadCpu(pid: number, threadPool: readonly number[]): ThreadCpu & { mainWaitingMs: number } {
  const cpu = { argon2Ms: 0, mainMs: 0, otherMs: 0, mainWaitingMs: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`).map(Number)) {
    const [onCpu, waiting] = schedNs(`/proc/${pid}/task/${tid}/schedstat`);
    if (tid === pid) {
      cpu.mainMs += onCpu / 1e6;
      cpu.mainWaitingMs += waiting / 1e6;
    } else if (threadPool.includes(tid)) cpu.argon2Ms += onCpu / 1e6;
    else cpu.otherMs += onCpu / 1e6;
  }
  return cpu;
}

/** CPU of the given processes (PostgreSQL backends), in ms; processes gone meanwhile count 0. */
export function processesCpuMs(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + schedNs(`/proc/${pid}/schedstat`)[0] / 1e6, 0);
}

interface ProbeAnswer {
  eventLoopActiveMs: number;
  threadPool: number[];
}

function askProbe(child: ChildProcess): Promise<ProbeAnswer> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'eventLoopActiveMs' in message) {
        child.off('message', onMessage);
        resolve(message as ProbeAnswer);
      }
    };
    child.on('message', onMessage);
    child.send('sample', (error) => error && reject(error));
  });
}

function clientCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export async function sample(child: ChildProcess, databasePids: () => Promise<number[]>): Promise<Sample> {
  const [probe, pids] = await Promise.all([askProbe(child), databasePids()]);
  return {
    at: performance.now(),
    server: threadCpu(child.pid ?? 0, probe.threadPool),
    eventLoopActiveMs: probe.eventLoopActiveMs,
    clientMs: clientCpuMs(),
    databaseMs: processesCpuMs(pids),
  };
}

export interface Breakdown {
  argon2Ms: number;
  mainMs: number;
  /** Active event loop neither on a CPU nor waiting for one: blocked inside a synchronous call (fsync). */
  mainBlockedMs: number;
  /** Main thread runnable but waiting for a CPU (others' load on the shared machine, and our own threads). */
  mainWaitingMs: number;
  otherMs: number;
  clientMs: number;
  databaseMs: number;
  eventLoopUtilisation: number;
}

/** Per sign-in, between two samples around `count` sign-ins. */
export function perSignIn(before: Sample, after: Sample, count: number): Breakdown {
  const per = (a: number, b: number) => (count > 0 ? (b - a) / count : 0);
  const mainMs = per(before.server.mainMs, after.server.mainMs);
  return {
    argon2Ms: per(before.server.argon2Ms, after.server.argon2Ms),
    mainMs,
    mainBlockedMs: Math.max(
      0,
      per(before.eventLoopActiveMs, after.eventLoopActiveMs) - mainMs - per(before.server.mainWaitingMs, after.server.mainWaitingMs),
    ),
    mainWaitingMs: per(before.server.mainWaitingMs, after.server.mainWaitingMs),
    otherMs: per(before.server.otherMs, after.server.otherMs),
    clientMs: per(before.clientMs, after.clientMs),
    databaseMs: per(before.databaseMs, after.databaseMs),
    eventLoopUtilisation: (after.eventLoopActiveMs - before.eventLoopActiveMs) / (after.at - before.at),
  };
}

export function breakdownLines(b: Breakdown): string[] {
  const total = b.argon2Ms + b.mainMs + b.otherMs + b.clientMs + b.databaseMs;
  const share = (ms: number) => `${ms.toFixed(2)} ms (${((100 * ms) / total).toFixed(0)} %)`;
  return [
    `    CPU per sign-in: argon2id ${share(b.argon2Ms)}, server main thread ${share(b.mainMs)}, server other threads ${share(b.otherMs)}, bench client ${share(b.clientMs)}, database processes ${share(b.databaseMs)}`,
    `    server main thread per sign-in: blocked in synchronous calls (fsync) ${b.mainBlockedMs.toFixed(2)} ms, waiting for a CPU ${b.mainWaitingMs.toFixed(2)} ms; event loop ${(100 * b.eventLoopUtilisation).toFixed(0)} % busy`,
    `    CPU-bound ratio on an idle machine (argon2id CPU ÷ all CPU): ${(b.argon2Ms / total).toFixed(2)}; server only (argon2id ÷ server CPU): ${(b.argon2Ms / (b.argon2Ms + b.mainMs + b.otherMs)).toFixed(2)}`,
  ];
}
