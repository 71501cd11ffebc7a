import { connect } from 'node:net';

export type KafkaProbe =
  | { kind: 'kafka' }
  | { kind: 'other'; answer: string }
  | { kind: 'silent' }
  | { kind: 'unreachable'; reason: string };

const correlationId = 0x5049504c;

/** An ApiVersions v0 request (key 18): every Kafka broker since 0.10 answers it before anything else. */
function apiVersionsRequest(): Buffer {
  const clientId = Buffer.from('pipeline-lab-doctor');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0);
  body.writeInt16BE(0, 2);
  body.writeInt32BE(correlationId, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/** What the bytes a server sent back look like, printable, for the learner. */
function preview(bytes: Buffer): string {
  const text = bytes
    .subarray(0, 60)
    .toString('latin1')
    .replace(/[^\x20-\x7e]+/g, ' ')
    .trim();
  return text.length > 0 ? `"${text}"` : `${bytes.length} binary bytes`;
}

/**
 * Whether the server at host:port speaks the Kafka protocol: it answers an ApiVersions request with a response
 * carrying the same correlation id. Tells "a Kafka that advertises an address you cannot reach" apart from
 * "another program on that port" (an HTTP server, Redis, PostgreSQL), which need different fixes.
 */
export function probeKafkaProtocol(address: string, timeoutMs = 3_000): Promise<KafkaProbe> {
  const separator = address.lastIndexOf(':');
  const host = address.slice(0, separator).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(separator + 1));
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let settled = false;
    let connected = false;
    const socket = connect({ host, port });
    const finish = (result: KafkaProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish(received.length > 0 ? { kind: 'other', answer: preview(received) } : { kind: 'silent' }),
      timeoutMs,
    );
    socket.once('connect', () => {
      connected = true;
      socket.write(apiVersionsRequest());
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 8) return;
      const size = received.readInt32BE(0);
      const kafka = size >= 4 && size < 1 << 20 && received.readInt32BE(4) === correlationId;
      finish(kafka ? { kind: 'kafka' } : { kind: 'other', answer: preview(received) });
    });
    socket.once('end', () =>
      finish({
        kind: 'other',
        answer: received.length > 0 ? preview(received) : 'nothing (it closed the connection)',
      }),
    );
    socket.once('error', (error) => {
      if (!connected) finish({ kind: 'unreachable', reason: error.message });
      else
        finish({
          kind: 'other',
          answer: received.length > 0 ? preview(received) : `nothing (${error.message})`,
        });
    });
  });
}
