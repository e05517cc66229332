import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer } from '../support/harness.ts';

/** Writes raw bytes to the server and resolves with the whole answer once it closes the socket. */
function rawExchange(baseUrl: string, request: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(answer) : reject(error)));
  });
}

function statusAndBody(answer: string): { status: number; body: { error: { code: string; message: string } } } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) };
}

/** Errors Fastify or Node raise before any route runs answer in the API's one error shape too. */
describe.each(DIALECTS)('errors raised before routing on %s', (dialect) => {
  const server = useTestServer(dialect);
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = await server.listen();
  });

  it('answers 400 invalid_request for a path that is not valid percent-encoding', async () => {
    for (const url of [`/api/v1/workspaces/${server.workspaceId}/programs/50%`, '/v1/track%E0%A4%A']) {
      const res = await server.inject({ method: 'GET', url, headers: { authorization: bearer(server.operatorToken) } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('invalid_request');
    }
  });

  it('answers 404 route_not_found for a path parameter over the length limit, whatever the method', async () => {
    const res = await server.inject({ method: 'POST', url: `/event/${'a'.repeat(300)}`, payload: {} });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
  });

  it('answers 431 headers_too_large for headers over the limit', async () => {
    const answer = await rawExchange(baseUrl, `GET /healthz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(20_000)}\r\n\r\n`);
    const { status, body } = statusAndBody(answer);
    expect(status).toBe(431);
    expect(body.error.code).toBe('headers_too_large');
  });

  it('answers 400 invalid_request for bytes that are not HTTP', async () => {
    const { status, body } = statusAndBody(await rawExchange(baseUrl, 'HELLO THERE\r\n\r\n'));
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
  });
});
