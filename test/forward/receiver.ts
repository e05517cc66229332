import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request a receiver got. */
export interface ReceivedRequest {
  /** The request target: path and query. */
  readonly url: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** What the receiver answered (null while hanging). */
  status: number | null;
  readonly at: number;
}

/** What to answer the n-th request (0-based): a status, a status with headers, or hang forever. */
export type Behaviour = (
  index: number,
  request: ReceivedRequest,
) => number | { status: number; headers?: Record<string, string>; /** Send the headers, then never end the body. */ holdBody?: boolean } | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1, as a webhook consumer would run one. It records every
 * request; `behaviour` decides the answer, and can be swapped mid-test (an outage that ends).
 */
export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  behaviour: Behaviour = () => 204;
  /** The body of 2xx answers (a vendor's `{"code":200}`); empty when unset. */
  okBody: string | undefined;
  private readonly hanging = new Set<ServerResponse>();
  private readonly server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedRequest = { url: request.url ?? '', method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status: null, at: Date.now() };
      const index = this.requests.length;
      this.requests.push(received);
      const answer = this.behaviour(index, received);
      if (answer === 'hang') {
        this.hanging.add(response);
        return;
      }
      const { status, headers, holdBody } = typeof answer === 'number' ? { status: answer, headers: {}, holdBody: false } : answer;
      received.status = status;
      if (holdBody) {
        response.writeHead(status, headers).write('{"ok":');
        this.hanging.add(response);
        return;
      }
      response.writeHead(status, headers).end(status >= 400 ? `receiver says ${status}` : (this.okBody ?? ''));
    });
  });

  static async start(behaviour?: Behaviour): Promise<Receiver> {
    const receiver = new Receiver();
    if (behaviour) receiver.behaviour = behaviour;
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** `http://127.0.0.1:<port>`: a vendor type's base URL. */
  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Requests answered 2xx. */
  get accepted(): ReceivedRequest[] {
    return this.requests.filter((request) => request.status !== null && request.status >= 200 && request.status < 300);
  }

  /** The events carried by accepted requests (objects and array bodies alike). */
  acceptedEvents(): Array<Record<string, unknown>> {
    return this.accepted.flatMap((request) => {
      const parsed = JSON.parse(request.body) as Record<string, unknown> | Array<Record<string, unknown>>;
      return Array.isArray(parsed) ? parsed : [parsed];
    });
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Verifies a request as a Standard Webhooks consumer does (the reference library); throws when invalid. */
export function verifySignature(secret: string, request: ReceivedRequest): unknown {
  const headers: Record<string, string> = {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(request.body, headers);
}
