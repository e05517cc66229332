import { createServer } from 'node:http';

/**
 * The webhook receiver of `npm run bench:forwarding`, in a process of its own so counting requests
 * never shares an event loop with the bench or the server. Every POST is answered 204 once its body
 * has arrived; a JSON array body counts as that many events. `GET /stats` tells the bench how many
 * events arrived, and when the first and the last did (ms since the epoch).
 */
let events = 0;
let requests = 0;
let firstAt = 0;
let lastAt = 0;

const server = createServer((request, response) => {
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ events, requests, firstAt, lastAt }));
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    // Only the first byte decides object or array: parsing every body would make the receiver the bottleneck.
    const first = chunks[0]?.[0];
    const count = first === 0x5b ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]).length : 1;
    const now = Date.now();
    if (firstAt === 0) firstAt = now;
    lastAt = now;
    events += count;
    requests += 1;
    response.writeHead(204).end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
