import Fastify from 'fastify';

/**
 * The ceiling: bare Fastify answering POST /v1/track with Segment's answer and no work beyond
 * parsing the JSON body. Run as its own process, like the server under test, so both are measured
 * the same way. Prints the line `spawnServer` waits for.
 */
const app = Fastify({ logger: false, bodyLimit: 32 * 1024 });
app.post('/v1/track', async () => ({ success: true }));
const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.stdout.write(`listening on ${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
