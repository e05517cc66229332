import Fastify from 'fastify';

/**
 * The ceiling: bare Fastify answering POST /v1/track (and /v1/batch) with Segment's answer and no
 * work beyond parsing the JSON body, and GET /r/{code} with a 302 to a fixed page plus the code (the
 * referral-link ceiling of bench/links-redirect.ts). Run as its own process, like the server under test, so both are measured
 * the same way. Prints the line `spawnServer` waits for.
 */
const app = Fastify({ logger: false, bodyLimit: 32 * 1024 });
app.post('/v1/track', async () => ({ success: true }));
// The batch ceiling (bench/e2e.ts): the same body Tributary's /v1/batch takes, parsed and answered.
app.post('/v1/batch', { bodyLimit: 1024 * 1024 }, async () => ({ success: true }));
app.get<{ Params: { code: string } }>('/r/:code', async (request, reply) =>
  reply.redirect(`https://shop.example.com/?ref=${encodeURIComponent(request.params.code)}`, 302),
);
const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.stdout.write(`listening on ${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
