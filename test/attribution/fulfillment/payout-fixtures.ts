import type { LightMyRequestResponse } from 'fastify';
import { bearer, type TestServer } from '../../support/harness.ts';

type Json = Record<string, any>;

/**
 * One fresh workspace per test, driven through HTTP with the operator token: programs and
 * collaborators through the admin API, visits and sales through `/event/{slug}`, runs and payouts
 * through the fulfillment routes. A run pays every payable obligation of its workspace, so tests
 * that share a workspace would pay each other's; a workspace each keeps them apart.
 */
export class PayoutFixtures {
  private constructor(
    readonly server: TestServer,
    readonly workspaceId: string,
  ) {}

  static async create(server: TestServer, name = 'payouts'): Promise<PayoutFixtures> {
    const res = await server.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers: { authorization: bearer(server.operatorToken) },
      payload: { name: `${name}-${Math.random().toString(36).slice(2, 8)}` },
    });
    if (res.statusCode !== 201) throw new Error(`could not create a workspace: ${res.statusCode} ${res.body}`);
    return new PayoutFixtures(server, res.json().id as string);
  }

  get db() {
    return this.server.db.kysely;
  }

  request(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown): Promise<LightMyRequestResponse> {
    return this.server.inject({
      method,
      url: `/api/v1/workspaces/${this.workspaceId}${path}`,
      headers: { authorization: bearer(this.server.operatorToken) },
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
  }

  async ok(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown): Promise<Json> {
    const res = await this.request(method, path, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${path} answered ${res.statusCode}: ${res.body}`);
    return res.json();
  }

  /** A percent program (basis points), approved on payment unless said otherwise. */
  async program(basisPoints = 1000, extra: Json = {}): Promise<number> {
    return (await this.ok('POST', '/programs', { name: `P${basisPoints}`, incentive: { type: 'percent', basis_points: basisPoints }, ...extra })).id;
  }

  async collaborator(name = 'Ada', email: string | null = 'ada@example.com'): Promise<number> {
    return (await this.ok('POST', '/collaborators', { name, ...(email === null ? {} : { email }) })).id;
  }

  event(slug: string, body: Json): Promise<LightMyRequestResponse> {
    return this.server.inject({
      method: 'POST',
      url: `/event/${slug}`,
      headers: { authorization: bearer(this.server.operatorToken), 'x-workspace-id': this.workspaceId },
      payload: body,
    });
  }

  /** A referred visit then a completed sale (`total` in major units): an approved conversion and a pending obligation. */
  async referredSale(collaboratorId: number, externalId: string, total: number | string, currency = 'USD'): Promise<void> {
    const visit = await this.event('site-visited', { collaboratorId });
    if (visit.statusCode !== 200) throw new Error(`site-visited answered ${visit.statusCode}: ${visit.body}`);
    const sale = await this.event('sale', { source: 'shop', externalId, total, currency, trackingId: Number(visit.headers['x-siren-oid']) });
    if (sale.statusCode !== 200) throw new Error(`sale answered ${sale.statusCode}: ${sale.body}`);
  }

  async refund(externalId: string): Promise<void> {
    const res = await this.event('refund', { source: 'shop', externalId });
    if (res.statusCode !== 200) throw new Error(`refund answered ${res.statusCode}: ${res.body}`);
  }

  /** The domain events an admin action or inbound event logged, in order. */
  async logEntries(inboundEventId: string): Promise<Json[]> {
    return (await this.ok('GET', `/domain-events?inbound_event_id=${encodeURIComponent(inboundEventId)}`)).data;
  }

  async log(inboundEventId: string): Promise<string[]> {
    return (await this.logEntries(inboundEventId)).map((e) => e.name as string);
  }

  obligations() {
    return this.db.selectFrom('obligations').selectAll().where('workspace_id', '=', this.workspaceId).orderBy('id').execute();
  }

  payoutItems() {
    return this.db.selectFrom('payout_items').selectAll().where('workspace_id', '=', this.workspaceId).orderBy('id').execute();
  }
}
