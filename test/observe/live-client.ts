import { waitFor } from '../support/harness.ts';

/** One frame of a Server-Sent Events stream. */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** A real streaming HTTP client over `fetch`: it parses frames as the bytes arrive. */
export interface SseClient {
  readonly status: number;
  readonly headers: Headers;
  readonly frames: SseFrame[];
  /** Frames that carry an event (have an id), with their data parsed. */
  events(): Array<{ id: string; data: Record<string, any> }>;
  /** Waits until `count` events have arrived; returns them. */
  waitForEvents(count: number, timeoutMs?: number): Promise<Array<{ id: string; data: Record<string, any> }>>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

function parseFrame(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) frame.id = line.slice(4);
    else if (line.startsWith('event: ')) frame.event = line.slice(7);
    else if (line.startsWith('data: ')) frame.data = (frame.data === undefined ? '' : `${frame.data}\n`) + line.slice(6);
  }
  return frame;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const frames: SseFrame[] = [];
  let resolveEnded!: () => void;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  if (response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            frames.push(parseFrame(buffer.slice(0, end)));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // Aborted by close() or cut off by the server: both end the stream.
      }
      resolveEnded();
    })();
  } else {
    resolveEnded();
  }
  const events = () =>
    frames.filter((f) => f.id !== undefined && f.data !== undefined).map((f) => ({ id: f.id!, data: JSON.parse(f.data!) as Record<string, any> }));
  return {
    status: response.status,
    headers: response.headers,
    frames,
    events,
    waitForEvents: (count, timeoutMs = 10_000) => waitFor(() => (events().length >= count ? events() : undefined), `${count} live events`, timeoutMs),
    ended,
    close: () => controller.abort(),
  };
}
