import { sql } from 'kysely';
import { parseRowId, type Db } from '../db/index.ts';
import { landingLocation } from './landing-location.ts';

/** Referral codes as the admin API accepts them (attribution/api/codes.ts); anything else names nobody. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** How long one resolution is reused: a link clicked a thousand times a second reads the database once. */
export const LINK_CACHE_MS = 1000;
/** Entries kept at most; random codes from a scanner must not grow the cache without bound. */
const MAX_CACHED = 10_000;

/** A landing page and the parameter its program reads the code from. */
interface Landing {
  readonly url: string;
  readonly param: string;
  /** The program whose page it is; null for the workspace's default landing URL. */
  readonly programId: number | null;
}

/** What a link names, before the clock says whether its code is still live. */
interface Resolution {
  /** Null when nothing names a workspace: an unknown code, no program, no workspace with a default. */
  readonly workspaceId: string | null;
  readonly collaboratorId: number | null;
  /** The code as the admin typed it (`GRACE20`), when it exists. */
  readonly code: string | null;
  readonly expiresAt: number | null;
  readonly collaboratorActive: boolean;
  /** Where a valid click goes, with the code. */
  readonly landing: Landing | null;
  /** Where an invalid click goes, without it. */
  readonly fallback: Landing | null;
}

/** One click's answer: whether the code counts, and where the shopper goes. */
export interface ResolvedLink {
  readonly workspaceId: string | null;
  readonly collaboratorId: number | null;
  readonly valid: boolean;
  /** The code under which a valid click reaches the landing page (display case). */
  readonly code: string | null;
  readonly destination: Landing | null;
  /**
   * The redirect's Location for a link with the query `query` (the link's own parameters passed
   * through); null when the link leads nowhere. A link without a query gets the same text every
   * time, so it is built once per resolution.
   */
  locationFor(query: string): string | null;
}

/**
 * Finds what `/r/{code}` and `/r/{code}/{programId}` name. Codes are unique per workspace, and the
 * link names no workspace, so:
 *
 * 1. With a program id (ids are unique across workspaces), the program names the workspace and
 *    the code is looked up there: this link is never ambiguous.
 * 2. Without one, the code is looked up in every workspace; when several hold it, the oldest
 *    code (smallest id) wins, so the answer never changes when another workspace adds the same code.
 * 3. A code found nowhere, without a program, goes to the default landing URL of the oldest
 *    workspace that set one (the only one, on a single-shop install).
 *
 * A valid click lands on the program's `landing_url` (without a program id: the oldest active
 * program that has one), else on the workspace's `default_landing_url`, with the code under the
 * program's `link_param`. An invalid one (unknown or expired code, inactive collaborator) lands
 * on the workspace's default, else the program's page, without the code.
 */
export class LinkResolver {
  private readonly cache = new Map<string, { resolution: Resolution; at: number; plain: Map<boolean, string | null> }>();

  constructor(private readonly db: Db, private readonly ttlMs = LINK_CACHE_MS) {}

  async resolve(rawCode: string, rawProgramId: string | undefined, now: number): Promise<ResolvedLink> {
    const programId = rawProgramId === undefined ? undefined : parseRowId(rawProgramId);
    const key = `${rawCode.toLowerCase()}/${programId ?? ''}`;
    let cached = this.cache.get(key);
    if (!cached || now - cached.at >= this.ttlMs || now < cached.at) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      cached = { resolution: await this.lookUp(rawCode, programId), at: now, plain: new Map() };
      this.cache.set(key, cached);
    }
    const { resolution: r, plain } = cached;
    const valid = r.code !== null && r.collaboratorActive && (r.expiresAt === null || r.expiresAt > now);
    const destination = valid ? (r.landing ?? r.fallback) : (r.fallback ?? r.landing);
    const location = (query: string): string | null => {
      if (!destination) return null;
      const referral = valid && r.code !== null ? { param: destination.param, code: r.code } : undefined;
      return landingLocation(destination.url, new URLSearchParams(query), referral, destination.param);
    };
    return {
      workspaceId: r.workspaceId,
      collaboratorId: r.collaboratorId,
      valid,
      code: valid ? r.code : null,
      destination,
      locationFor(query) {
        if (query !== '') return location(query);
        let text = plain.get(valid);
        if (text === undefined) plain.set(valid, (text = location('')));
        return text;
      },
    };
  }

  private async lookUp(rawCode: string, programId: number | undefined): Promise<Resolution> {
    const kysely = this.db.kysely;
    const code = CODE.test(rawCode) ? rawCode.toLowerCase() : undefined;
    const program =
      programId === undefined
        ? undefined
        : await kysely.selectFrom('attribution_programs').select(['id', 'workspace_id', 'landing_url', 'link_param']).where('id', '=', programId).executeTakeFirst();
    let codeQuery = kysely
      .selectFrom('referral_codes')
      .innerJoin('collaborators', (join) => join.onRef('collaborators.id', '=', 'referral_codes.collaborator_id').onRef('collaborators.workspace_id', '=', 'referral_codes.workspace_id'))
      .select(['referral_codes.workspace_id', 'referral_codes.code', 'referral_codes.expires_at', 'collaborators.id as collaborator_id', 'collaborators.status'])
      .where(sql`lower(referral_codes.code)`, '=', code ?? '')
      .orderBy('referral_codes.id')
      .limit(1);
    if (program) codeQuery = codeQuery.where('referral_codes.workspace_id', '=', program.workspace_id);
    const found = code === undefined ? undefined : await codeQuery.executeTakeFirst();
    const workspaceId = program?.workspace_id ?? found?.workspace_id ?? (await this.fallbackWorkspace());
    if (workspaceId === undefined) {
      return { workspaceId: null, collaboratorId: null, code: null, expiresAt: null, collaboratorActive: false, landing: null, fallback: null };
    }
    const settings = await kysely.selectFrom('attribution_settings').select('default_landing_url').where('workspace_id', '=', workspaceId).executeTakeFirst();
    const defaultLanding: Landing | null = settings?.default_landing_url ? { url: settings.default_landing_url, param: 'ref', programId: null } : null;
    const programLanding = program ? landingOf(program) : await this.firstProgramLanding(workspaceId);
    return {
      workspaceId,
      collaboratorId: found?.collaborator_id ?? null,
      code: found?.code ?? null,
      expiresAt: found?.expires_at ?? null,
      collaboratorActive: found?.status === 'active',
      landing: programLanding ?? (defaultLanding && program ? { ...defaultLanding, param: program.link_param, programId: program.id } : defaultLanding),
      fallback: defaultLanding ?? (programLanding ? { ...programLanding } : null),
    };
  }

  private async firstProgramLanding(workspaceId: string): Promise<Landing | null> {
    const row = await this.db.kysely
      .selectFrom('attribution_programs')
      .select(['id', 'landing_url', 'link_param'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'active')
      .where('landing_url', 'is not', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row ? landingOf(row) : null;
  }

  private async fallbackWorkspace(): Promise<string | undefined> {
    const row = await this.db.kysely
      .selectFrom('attribution_settings')
      .innerJoin('workspaces', 'workspaces.id', 'attribution_settings.workspace_id')
      .select('workspaces.id')
      .where('attribution_settings.default_landing_url', 'is not', null)
      .orderBy('workspaces.created_at')
      .orderBy('workspaces.id')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }
}

function landingOf(program: { id: number; landing_url: string | null; link_param: string }): Landing | null {
  return program.landing_url === null ? null : { url: program.landing_url, param: program.link_param, programId: program.id };
}
