/**
 * Ends the current task, so that the browser can handle input and paint before the next one:
 * `scheduler.yield()` where there is one (the continuation keeps its place ahead of other
 * tasks), else a zero-delay timer.
 */
export function yieldToBrowser(): Promise<void> {
  const { scheduler } = globalThis as { scheduler?: { yield?: () => Promise<void> } };
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
}
