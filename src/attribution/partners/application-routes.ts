import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import { describeRoute, json, SECURITY } from '../../openapi/index.ts';
import { pathId } from '../api/admin-scope.ts';
import type { ActionRunner } from '../api/conversion-review.ts';
import type { ProgramRow } from '../model/tables.ts';
import { ApplicationLimiter, type ApplicationLimits } from './application-limiter.ts';
import {
  APPLICATION_BODY_LIMIT,
  APPLICATION_FIELDS,
  applicationBody,
  applicationFormSchema,
  applicationParams,
  applicationReceivedSchema,
  HONEYPOT_FIELD,
} from './application-schemas.ts';
import type { IpHasher } from './ip-hasher.ts';
import { receiveApplication, type ApplicationForm } from './applications.ts';
import { portalUrl } from './partner-sessions.ts';

interface Deps {
  readonly db: Db;
  readonly publicUrl: string | undefined;
  readonly applicationLimits: ApplicationLimits;
  /** Hashes the applicant's address, kept as a new applicant's for the self-referral rule; null: none. */
  readonly ipHasher: IpHasher | null;
}

type ApplicationBody = { name: string; email: string; code?: string | null; promotion?: string | null } & Record<typeof HONEYPOT_FIELD, string | undefined>;

const readApplication = compileValidator<ApplicationBody>(applicationBody);

const RECEIVED = { status: 'received', message: 'Thank you for applying. The shop reviews applications and e-mails you a sign-in link once you are approved.' } as const;

/**
 * The partner portal's public sign-up form (issue 18 §2): a program whose `enrollment` is
 * `approval` takes applications from anyone, no credential. `GET …/application` describes the
 * form; `POST …/applications` files one (applications.ts: a collaborator submission and an
 * `applied` enrollment the admin decides with the enrollment API).
 *
 * A program opts in by being `active` with `enrollment: approval` and nothing more: that mode
 * means "collaborators apply, an admin approves". An `open` program needs no application, an
 * `invite` one takes none, and an inactive one takes nobody: all three are 404, as an unknown
 * or another workspace's program is, so the form never tells which programs exist.
 *
 * Abuse: the body is capped before parsing, validated with every field error listed, rate
 * limited per address and per program, with a honeypot field; and every accepted request gets
 * the same 202 whether it made an application, repeated one or named a known collaborator.
 */
export function registerApplicationRoutes(partner: FastifyInstance, deps: Deps, engine: ActionRunner): void {
  const { db } = deps;
  const limiter = new ApplicationLimiter(deps.applicationLimits, () => engine.clock.now());

  const openProgram = async (request: FastifyRequest): Promise<ProgramRow> => {
    const workspaceId = (request.params as { workspaceId: string }).workspaceId;
    const programId = pathId(request, 'programId', 'Program');
    const program = await db.kysely
      .selectFrom('attribution_programs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', programId)
      .where('status', '=', 'active')
      .where('enrollment', '=', 'approval')
      .executeTakeFirst();
    if (!program) throw AppError.notFound('Program');
    return program;
  };

  partner.get('/programs/:workspaceId/:programId/application', describeRoute({
    operationId: 'getPartnerApplicationForm',
    summary: 'Describe a program\'s partner sign-up form',
    description: 'Public. Only an active program with `enrollment: approval` has one; any other is 404.',
    tags: ['Partner portal'],
    security: SECURITY.public,
    params: applicationParams,
    response: { 200: json('The form: its fields, the hidden honeypot field, and where to send it.', applicationFormSchema) },
  }), async (request) => {
    const program = await openProgram(request);
    return {
      workspace_id: program.workspace_id,
      program: { id: program.id, name: program.name },
      fields: APPLICATION_FIELDS,
      honeypot: HONEYPOT_FIELD,
      submit_path: `/partner/v1/programs/${encodeURIComponent(program.workspace_id)}/${program.id}/applications`,
    };
  });

  partner.post('/programs/:workspaceId/:programId/applications', {
    bodyLimit: APPLICATION_BODY_LIMIT,
    ...describeRoute({
      operationId: 'applyToPartnerProgram',
      summary: 'Apply to a partner program',
      description:
        'Public, rate limited per address and per program (429 with `Retry-After`). Files a collaborator submission and an `applied` enrollment for an admin to decide. ' +
        'The answer is the same whether the application is new, repeats one (same e-mail, any case) or names a known collaborator.',
      tags: ['Partner portal'],
      security: SECURITY.public,
      params: applicationParams,
      body: applicationBody,
      response: { 202: json('Received.', applicationReceivedSchema) },
    }),
  }, async (request, reply) => {
    limiter.takeAddress(request.ip);
    // A program that takes no applications is 404 whatever the body says.
    const program = await openProgram(request);
    const body = readApplication(request.body ?? {});
    // A bot that filled the hidden field learns nothing, and spends nobody's allowance but its own.
    if (body[HONEYPOT_FIELD] !== undefined && body[HONEYPOT_FIELD] !== '') return reply.status(202).send(RECEIVED);
    limiter.takeProgram(program.workspace_id, program.id);
    const form: ApplicationForm = { name: body.name.trim(), email: body.email, code: body.code ?? null, promotion: body.promotion?.trim() || null, ipHash: deps.ipHasher?.hash(request.ip) ?? null };
    await engine.runAction(db, program.workspace_id, (flow) => receiveApplication(flow, program, form, portalUrl(deps.publicUrl, request)));
    return reply.status(202).send(RECEIVED);
  });
}
