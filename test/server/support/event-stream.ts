/** Reads a Server-Sent Events response as a browser's EventSource would receive it, as text. */
import type { TestResponse } from './test-app';

export interface EventStreamReader {
  /** Reads until the text so far matches `pattern` (or the stream ends); the text so far. */
  until(pattern: RegExp): Promise<string>;
  /** Reads to the end of the stream: resolves with the whole text once the server closes it. */
  end(): Promise<string>;
  /** The `data` of every `status` event so far, parsed. */
  statuses<T>(): T[];
  cancel(): Promise<void>;
}

export function readEventStream(response: TestResponse): EventStreamReader {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  const more = async () => {
    const { value, done } = await reader.read();
    if (done) ended = true;
    else text += decoder.decode(value, { stream: true });
  };
  return {
    async until(pattern) {
      while (!pattern.test(text) && !ended) await more();
      return text;
    },
    async end() {
      while (!ended) await more();
      return text;
    },
    statuses<T>() {
      return [...text.matchAll(/^event: status\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1] ?? 'null') as T);
    },
    cancel: () => reader.cancel(),
  };
}
