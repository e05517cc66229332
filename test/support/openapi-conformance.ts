import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import '@fastify/swagger';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import type { HttpProbe } from '../../src/app.ts';
import { isCurrencyCode } from '../../src/lib/currencies.ts';

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

/** The parts of an OpenAPI document these checks read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: object }>;
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: object }> }>;
}

/** `/a/:id/b` as OpenAPI writes it, `/a/{id}/b`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pointer(...parts: string[]): string {
  return parts.map((part) => '/' + part.replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/**
 * Checks the document against the server that serves it, from inside: every route the server
 * registers (`routes`, from onRoute), and every answer the HTTP tests see (onSend). An answer whose
 * status the operation does not list, a JSON body that does not match the documented schema, or a
 * request that succeeded with a body the document says is invalid, is a violation; the test
 * harness fails the request that caused it. So the document cannot say one thing while the
 * server does another, at least wherever a test goes.
 */
export class OpenApiConformance {
  /** Every route registered, as `METHOD /path` (HEAD routes Fastify adds by itself excluded). */
  readonly routes: Array<{ method: string; url: string; hidden: boolean }> = [];
  private violations: string[] = [];
  private document: OpenApiDocument | undefined;
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
    this.ajv.addFormat('currency', { type: 'string', validate: isCurrencyCode });
  }

  readonly probe: HttpProbe = {
    onRoute: (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD' && this.isImplicitHead(route)) continue;
        this.routes.push({ method, url: route.url, hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide) });
      }
    },
    onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      try {
        this.check(request, reply, payload);
      } catch (error) {
        this.violations.push(`${request.method} ${request.url}: the check itself failed: ${(error as Error).message}`);
      }
      return payload;
    },
  };

  /** Fastify adds a HEAD route beside every GET (`exposeHeadRoutes`); those are not ours to document. */
  private isImplicitHead(route: RouteOptions): boolean {
    return this.routes.some((seen) => seen.method === 'GET' && seen.url === route.url);
  }

  /** The violations seen since the last call, cleared. */
  takeViolations(): string[] {
    const found = this.violations;
    this.violations = [];
    return found;
  }

  private validator(document: OpenApiDocument, path: string): ValidateFunction {
    let validate = this.validators.get(path);
    if (!validate) {
      if (this.document !== document) {
        this.document = document;
        this.ajv.addSchema(document as object, 'openapi');
      }
      validate = this.ajv.compile({ $ref: `openapi#${path}` });
      this.validators.set(path, validate);
    }
    return validate;
  }

  private check(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    const url = request.routeOptions.url;
    if (url === undefined || request.method === 'HEAD') return;
    const document = (this.document ?? request.server.swagger()) as unknown as OpenApiDocument;
    const path = openApiPath(url);
    const method = request.method.toLowerCase();
    const operation = document.paths[path]?.[method];
    // Routes with no description at all are the coverage test's to report.
    if (!operation?.operationId) return;
    const where = `${request.method} ${url} → ${reply.statusCode}`;
    const status = String(reply.statusCode);
    const responses = operation.responses ?? {};
    const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default' in responses ? 'default' : undefined;
    if (key === undefined) {
      this.violations.push(`${where}: the status is not documented (documented: ${Object.keys(responses).join(', ')})`);
      return;
    }
    const contentType = String(reply.getHeader('content-type') ?? '');
    const jsonSchema = responses[key]?.content?.['application/json']?.schema;
    if (jsonSchema && contentType.startsWith('application/json') && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const validate = this.validator(document, pointer('paths', path, method, 'responses', key, 'content', 'application/json', 'schema'));
      const body: unknown = JSON.parse(payload.toString());
      if (!validate(body)) {
        this.violations.push(`${where}: the answer does not match the documented schema: ${this.ajv.errorsText(validate.errors)}\n  body: ${payload.toString().slice(0, 500)}`);
      }
    }
    const requestSchema = operation.requestBody?.content?.['application/json']?.schema;
    const requestType = String(request.headers['content-type'] ?? '');
    if (reply.statusCode < 300 && requestSchema && request.body !== undefined && requestType.includes('json')) {
      const validate = this.validator(document, pointer('paths', path, method, 'requestBody', 'content', 'application/json', 'schema'));
      // A route that reads its body as raw bytes (Stripe's webhook, verified over them) has it as a Buffer.
      let sent: unknown = request.body;
      if (Buffer.isBuffer(sent)) {
        try {
          sent = JSON.parse(sent.toString('utf8'));
        } catch {
          return;
        }
      }
      if (!validate(sent)) {
        this.violations.push(`${where}: the request succeeded with a body the document calls invalid: ${this.ajv.errorsText(validate.errors)}`);
      }
    }
  }
}
