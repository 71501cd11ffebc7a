import 'server-only';
import { channelFor, hasChannel } from './launcher.server';
import { readManifest } from './registry.server';
import type { ChannelEvent } from './run-channel';

const encoder = new TextEncoder();

function frame(event: ChannelEvent): Uint8Array {
  return encoder.encode(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
}

/**
 * Replays the run's buffered events after Last-Event-ID, then streams live ones. A run this server process has no
 * channel for (started before a restart) gets its manifest as a `snapshot` event so the page can offer Resume.
 */
export async function sseResponse(request: Request, runId: string): Promise<Response> {
  const header = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
  const lastEventId = Number.parseInt(header ?? '0', 10) || 0;
  const known = hasChannel(runId);
  const manifest = known ? null : await readManifest(runId);
  const channel = channelFor(runId);
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('retry: 1000\n\n'));
      if (manifest)
        controller.enqueue(
          encoder.encode(`event: snapshot\ndata: ${JSON.stringify({ status: manifest.status })}\n\n`),
        );
      for (const event of channel.since(lastEventId)) controller.enqueue(frame(event));
      const unsubscribe = channel.subscribe((event) => {
        try {
          controller.enqueue(frame(event));
        } catch {
          cleanup();
        }
      });
      // A comment every 15 s keeps proxies from closing an idle stream.
      const keepAlive = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(': keep-alive\n\n'));
        } catch {
          cleanup();
        }
      }, 15_000);
      cleanup = () => {
        unsubscribe();
        clearInterval(keepAlive);
      };
      request.signal.addEventListener('abort', () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
