import { insertRuleProfile } from '../support/cabinet.js';
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT } from '../../src/platform/audit/index.js';
import { rows } from '../../src/platform/db/index.js';
import { notifications } from '../../src/platform/notify/schema.js';
import { ballots, bodies, conclusions, meetings, tasks } from '../../src/modules/cabinet/schema.js';
import { exchangeDocuments, exchangeNodeAgencies } from '../../src/modules/exchange/schema.js';
import { ensureBuiltinRoles, ensurePerson } from '../../src/modules/identity/index.js';
import { Permissions } from '../../src/modules/identity/policy.js';
import {
  agencies,
  certificates,
  delegations,
  governmentMembers,
  oidcClients,
  passkeys,
  persons,
  roles,
  sessions,
} from '../../src/modules/identity/schema.js';
import { signedIn, TEST_PASSWORD, testApp } from '../support/http.js';
import { testPlatform, type TestPlatform } from '../support/platform.js';

/**
 * Generated from the OpenAPI document: every route that names an object in its path either belongs to a
 * class of objects below, and then answers 404 for another agency's (or another person's) object and changes
 * nothing, or is listed as national with the reason. A new route with a path parameter fails this test until
 * it is classified.
 */

/** Objects that belong to an agency or a person: the route's parameter is filled with one that is not ours. */
/** `payload`: a valid body, so the route reaches its scope check instead of failing validation. */
const SCOPED: Record<string, { caller: Caller; object: keyof Fixtures; payload?: object }> = {
  'GET /api/admin/people/{id}': { caller: 'agencyAdmin', object: 'personB' },
  'PATCH /api/admin/people/{id}': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/people/{id}/unlock': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/people/{id}/reset-mfa': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/people/{id}/revoke-sessions': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/people/{id}/posts': { caller: 'agencyAdmin', object: 'personB' },
  'DELETE /api/admin/people/{id}/posts/{agencyId}': { caller: 'agencyAdmin', object: 'personB' },
  'GET /api/admin/people/{personId}/certificates': { caller: 'agencyAdmin', object: 'personB' },
  'POST /api/admin/delegations/{id}/revoke': { caller: 'agencyAdmin', object: 'delegationB' },
  'GET /api/admin/oidc-clients/{clientId}': { caller: 'agencyAdmin', object: 'clientB' },
  'PATCH /api/admin/oidc-clients/{clientId}': { caller: 'agencyAdmin', object: 'clientB' },
  'POST /api/admin/oidc-clients/{clientId}/secret': { caller: 'agencyAdmin', object: 'clientB' },
  'DELETE /api/auth/sessions/{id}': { caller: 'official', object: 'sessionB' },
  'DELETE /api/auth/passkeys/{id}': { caller: 'official', object: 'passkeyB' },
  'DELETE /api/me/certificates/{id}': { caller: 'official', object: 'certificateB' },
  'POST /api/notifications/{id}/read': { caller: 'official', object: 'notificationB' },
  'GET /api/cabinet/bodies/{id}': { caller: 'cabinetAdmin', object: 'bodyB' },
  'POST /api/admin/cabinet/bodies/{id}/seats': {
    caller: 'cabinetAdmin',
    object: 'bodyB',
    payload: { personId: '00000000-0000-4000-8000-000000000001', role: 'member' },
  },
  'POST /api/admin/cabinet/bodies/{id}/seats/{seatId}/end': { caller: 'cabinetAdmin', object: 'bodyB' },
  'GET /api/cabinet/meetings/{id}': { caller: 'cabinetAdmin', object: 'meetingB' },
  'PATCH /api/cabinet/meetings/{id}': {
    caller: 'cabinetAdmin',
    object: 'meetingB',
    payload: { revision: 0 },
  },
  'POST /api/cabinet/meetings/{id}/cancel': {
    caller: 'cabinetAdmin',
    object: 'meetingB',
    payload: { revision: 0, reason: 'Lý do huỷ' },
  },
  'POST /api/cabinet/meetings/{id}/invite': { caller: 'cabinetAdmin', object: 'meetingB', payload: {} },
  'POST /api/cabinet/meetings/{id}/participants': {
    caller: 'cabinetAdmin',
    object: 'meetingB',
    payload: { personId: '00000000-0000-4000-8000-000000000001' },
  },
  'DELETE /api/cabinet/meetings/{id}/participants/{personId}': { caller: 'cabinetAdmin', object: 'meetingB' },
  'POST /api/cabinet/meetings/{id}/substitutes': {
    caller: 'cabinetAdmin',
    object: 'meetingB',
    payload: {
      memberId: '00000000-0000-4000-8000-000000000001',
      personId: '00000000-0000-4000-8000-000000000002',
    },
  },
  'POST /api/cabinet/meetings/{id}/attendance': {
    caller: 'cabinetAdmin',
    object: 'meetingB',
    payload: { answer: 'confirm' },
  },
  'POST /api/cabinet/meetings/{id}/participants/{personId}/absence': {
    caller: 'cabinetAdmin',
    object: 'meetingB',
    payload: { approve: true },
  },
  'GET /api/cabinet/meetings/{meetingId}/agenda': { caller: 'meetingOffice', object: 'meetingB' },
  'POST /api/cabinet/meetings/{meetingId}/agenda': { caller: 'meetingOffice', object: 'meetingB' },
  'PUT /api/cabinet/meetings/{meetingId}/agenda/order': { caller: 'meetingOffice', object: 'meetingB' },
  'PATCH /api/cabinet/meetings/{meetingId}/agenda/{itemId}': { caller: 'meetingOffice', object: 'meetingB' },
  'DELETE /api/cabinet/meetings/{meetingId}/agenda/{itemId}': { caller: 'meetingOffice', object: 'meetingB' },
  'GET /api/cabinet/meetings/{meetingId}/papers': { caller: 'meetingOffice', object: 'meetingB' },
  'POST /api/cabinet/meetings/{meetingId}/papers': { caller: 'meetingOffice', object: 'meetingB' },
  'GET /api/cabinet/meetings/{meetingId}/papers/{paperId}': { caller: 'meetingOffice', object: 'meetingB' },
  'GET /api/cabinet/meetings/{meetingId}/papers/{paperId}/receipts': {
    caller: 'meetingOffice',
    object: 'meetingB',
  },
  'POST /api/cabinet/meetings/{meetingId}/papers/{paperId}/versions': {
    caller: 'meetingOffice',
    object: 'meetingB',
  },
  'GET /api/cabinet/meetings/{meetingId}/papers/{paperId}/versions/{version}/file': {
    caller: 'meetingOffice',
    object: 'meetingB',
  },
  'GET /api/cabinet/meetings/{meetingId}/papers/{paperId}/versions/{version}/view': {
    caller: 'meetingOffice',
    object: 'meetingB',
  },
  'GET /api/cabinet/meetings/{meetingId}/papers/{paperId}/versions/{version}/text': {
    caller: 'meetingOffice',
    object: 'meetingB',
  },
  'GET /api/cabinet/meetings/{meetingId}/papers/{paperId}/annotations': {
    caller: 'meetingOffice',
    object: 'meetingB',
  },
  'POST /api/cabinet/meetings/{meetingId}/papers/{paperId}/annotations': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { selector: { exact: 'x', prefix: '', suffix: '', page: 1 }, note: 'x' },
  },
  'PATCH /api/cabinet/meetings/{meetingId}/papers/{paperId}/annotations/{annotationId}': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { note: 'x' },
  },
  'DELETE /api/cabinet/meetings/{meetingId}/papers/{paperId}/annotations/{annotationId}': {
    caller: 'meetingOffice',
    object: 'meetingB',
  },
  'GET /api/cabinet/meetings/{meetingId}/comments': { caller: 'meetingOffice', object: 'meetingB' },
  'POST /api/cabinet/meetings/{meetingId}/comments': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { agendaItemId: '00000000-0000-4000-8000-000000000001', body: 'x' },
  },
  'PATCH /api/cabinet/meetings/{meetingId}/comments/{commentId}': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { body: 'x' },
  },
  'DELETE /api/cabinet/meetings/{meetingId}/comments/{commentId}': {
    caller: 'meetingOffice',
    object: 'meetingB',
  },
  'GET /api/cabinet/meetings/{meetingId}/opinions': { caller: 'meetingOffice', object: 'meetingB' },
  'PUT /api/cabinet/meetings/{meetingId}/opinions/{itemId}': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { position: 'agree' },
  },
  'GET /api/cabinet/meetings/{meetingId}/live': { caller: 'meetingOffice', object: 'meetingB' },
  'POST /api/cabinet/meetings/{meetingId}/live/open': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/end': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/check-in': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/leave': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/speakers': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/speakers/order': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { speakerIds: [] },
  },
  'POST /api/cabinet/meetings/{meetingId}/live/item/{itemId}/start': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/item/{itemId}/finish': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/speakers/{speakerId}/withdraw': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/speakers/{speakerId}/call': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/speakers/{speakerId}/start': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/live/speakers/{speakerId}/stop': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'GET /api/cabinet/meetings/{meetingId}/polls': { caller: 'meetingOffice', object: 'meetingB' },
  'POST /api/cabinet/meetings/{meetingId}/polls': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { question: 'Thông qua?', kind: 'yes_no_abstain' },
  },
  'GET /api/cabinet/meetings/{meetingId}/polls/{pollId}': { caller: 'meetingOffice', object: 'meetingB' },
  'GET /api/cabinet/meetings/{meetingId}/polls/{pollId}/evidence': {
    caller: 'meetingOffice',
    object: 'meetingB',
  },
  'POST /api/cabinet/meetings/{meetingId}/polls/{pollId}/ballot': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { choice: 'yes' },
  },
  'POST /api/cabinet/meetings/{meetingId}/polls/{pollId}/votes': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {
      payload: '{}',
      toBeSigned: 'AA==',
      signature: 'AA==',
      certificateId: '00000000-0000-4000-8000-000000000001',
    },
  },
  'POST /api/cabinet/meetings/{meetingId}/polls/{pollId}/ratification': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'POST /api/cabinet/meetings/{meetingId}/polls/{pollId}/ratification/sign': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {
      payload: '{}',
      toBeSigned: 'AA==',
      signature: 'AA==',
      certificateId: '00000000-0000-4000-8000-000000000001',
    },
  },
  'POST /api/cabinet/meetings/{meetingId}/polls/{pollId}/close': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'GET /api/cabinet/meetings/{meetingId}/minutes': { caller: 'meetingOffice', object: 'meetingB' },
  'GET /api/cabinet/meetings/{meetingId}/minutes/pdf': { caller: 'meetingOffice', object: 'meetingB' },
  'POST /api/cabinet/meetings/{meetingId}/minutes/generate': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: {},
  },
  'PATCH /api/cabinet/meetings/{meetingId}/minutes': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { revision: 0, sections: [] },
  },
  'POST /api/cabinet/meetings/{meetingId}/minutes/approve': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { revision: 0 },
  },
  'GET /api/cabinet/meetings/{meetingId}/conclusion': { caller: 'meetingOffice', object: 'meetingB' },
  'PUT /api/cabinet/meetings/{meetingId}/conclusion': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { title: 'x' },
  },
  'POST /api/cabinet/meetings/{meetingId}/conclusion/issue': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { reference: 'x' },
  },
  'POST /api/cabinet/meetings/{meetingId}/conclusion/tasks': {
    caller: 'meetingOffice',
    object: 'meetingB',
    payload: { title: 'x', assigneeAgencyId: '00000000-0000-4000-8000-000000000001', dueOn: '2026-04-15' },
  },
  'GET /api/cabinet/tasks/{taskId}': { caller: 'meetingOffice', object: 'taskB' },
  'POST /api/cabinet/tasks/{taskId}/reports': {
    caller: 'meetingOffice',
    object: 'taskB',
    payload: { state: 'done', progress: 100 },
  },
  'GET /api/cabinet/ballots/{ballotId}': { caller: 'meetingOffice', object: 'ballotB' },
  'PUT /api/cabinet/ballots/{ballotId}': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { revision: 0, title: 'x', questions: [{ text: 'y' }], answerDays: 3 },
  },
  'POST /api/cabinet/ballots/{ballotId}/submit': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { revision: 0 },
  },
  'POST /api/cabinet/ballots/{ballotId}/approve': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { revision: 0 },
  },
  'POST /api/cabinet/ballots/{ballotId}/return': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { revision: 0 },
  },
  'POST /api/cabinet/ballots/{ballotId}/send': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { revision: 0, reference: '1/PLYK' },
  },
  'POST /api/cabinet/ballots/{ballotId}/extend': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { revision: 0, deadline: '2026-04-15' },
  },
  'POST /api/cabinet/ballots/{ballotId}/recall': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { revision: 0, reason: 'x' },
  },
  'POST /api/cabinet/ballots/{ballotId}/cancel': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { revision: 0 },
  },
  'POST /api/cabinet/ballots/{ballotId}/close': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { revision: 0 },
  },
  'POST /api/cabinet/ballots/{ballotId}/opened': { caller: 'meetingOffice', object: 'ballotB', payload: {} },
  'PUT /api/cabinet/ballots/{ballotId}/responses/{personId}/draft': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { answers: [] },
  },
  'POST /api/cabinet/ballots/{ballotId}/prepare': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: { answers: [] },
  },
  'POST /api/cabinet/ballots/{ballotId}/answer': {
    caller: 'meetingOffice',
    object: 'ballotB',
    payload: {
      payload: '{}',
      toBeSigned: 'AA==',
      signature: 'AA==',
      certificateId: '00000000-0000-4000-8000-000000000001',
    },
  },
  'GET /api/cabinet/ballots/{ballotId}/board': { caller: 'meetingOffice', object: 'ballotB' },
  'GET /api/cabinet/ballots/{ballotId}/result': { caller: 'meetingOffice', object: 'ballotB' },
  'GET /api/cabinet/ballots/{ballotId}/evidence': { caller: 'meetingOffice', object: 'ballotB' },
  'POST /api/cabinet/ballots/{ballotId}/papers': { caller: 'meetingOffice', object: 'ballotB' },
  'GET /api/cabinet/ballots/{ballotId}/papers/{paperId}': { caller: 'meetingOffice', object: 'ballotB' },
  'DELETE /api/cabinet/ballots/{ballotId}/papers/{paperId}': { caller: 'meetingOffice', object: 'ballotB' },
};

const EXCHANGE_SCOPED: Record<string, { caller: Caller; object: keyof Fixtures; payload?: object }> = {
  'GET /api/exchange/documents/{id}': { caller: 'clerk', object: 'documentB' },
  'GET /api/exchange/documents/{id}/attachments/{position}': { caller: 'clerk', object: 'documentB' },
  ...Object.fromEntries(
    ['register', 'assign', 'process', 'complete', 'reject', 'agree', 'refuse', 'recall'].map((step) => [
      `POST /api/exchange/documents/{id}/${step}`,
      { caller: 'clerk' as const, object: 'documentB' as const, payload: { reason: 'Lý do' } },
    ]),
  ),
  'GET /api/exchange/dispatch/conclusions/{id}': { caller: 'clerk', object: 'conclusionB' },
  'POST /api/exchange/dispatch/conclusions/{id}': {
    caller: 'clerk',
    object: 'conclusionB',
    payload: { from: '000.00.81.G01', recipients: ['000.00.82.G01'] },
  },
  'GET /api/exchange/dispatch/ballots/{id}': { caller: 'clerk', object: 'ballotB' },
  'POST /api/exchange/dispatch/ballots/{id}': {
    caller: 'clerk',
    object: 'ballotB',
    payload: { from: '000.00.81.G01', recipients: ['000.00.82.G01'] },
  },
};
Object.assign(SCOPED, EXCHANGE_SCOPED);

type Caller = 'agencyAdmin' | 'official' | 'meetingOffice' | 'cabinetAdmin' | 'clerk';

/** Routes whose objects are national (no agency owns them), with who may use them instead. */
const NATIONAL: Record<string, string> = {
  'POST /api/admin/jobs/{id}/retry': 'the job queue is the deployment’s (platform.jobs.manage)',
  'GET /api/calendar/{year}': 'the working-day calendar is public to signed-in people',
  'PUT /api/admin/calendar/overrides/{date}': 'the calendar is national (platform.calendar.manage)',
  'DELETE /api/admin/calendar/overrides/{date}': 'the calendar is national',
  'PUT /api/admin/calendar/decisions/{year}/{ruleId}': 'the calendar is national',
  'DELETE /api/admin/calendar/decisions/{year}/{ruleId}': 'the calendar is national',
  'POST /api/admin/people/{id}/member-terms': 'Government membership: only the all-agency scope',
  'POST /api/admin/people/{id}/member-terms/{termId}/end': 'Government membership: only the all-agency scope',
  'GET /api/admin/businesses/{id}': 'businesses belong to no agency: only the all-agency scope',
  'POST /api/admin/businesses/{id}/representatives': 'businesses: only the all-agency scope',
  'DELETE /api/admin/businesses/{id}/representatives/{personId}': 'businesses: only the all-agency scope',
  'PATCH /api/admin/roles/{code}': 'roles are the deployment’s (identity.roles.manage)',
  'DELETE /api/admin/roles/{code}': 'roles are the deployment’s',
  'GET /api/admin-units/{code}/successors': 'administrative units are public reference data',
  'GET /api/agencies/resolve/{code}': 'the agency registry is public reference data',
  'GET /api/agencies/{id}': 'the agency registry is public reference data',
  'PATCH /api/admin/agencies/{id}': 'the registry is national (identity.agencies.manage)',
  'GET /api/exchange/hub/messages/{id}': 'the hub serves every agency: its operators (exchange.hub.manage)',
  'POST /api/exchange/hub/deliveries/{seq}/requeue': 'the hub’s queues: its operators (exchange.hub.manage)',
  'POST /api/admin/agencies/{id}/retire': 'the registry is national',
};

interface Fixtures {
  personB: string;
  delegationB: string;
  clientB: string;
  sessionB: string;
  passkeyB: string;
  certificateB: string;
  notificationB: string;
  /** A meeting of a body of agency B (e-Cabinet). */
  meetingB: string;
  /** A body of agency B (e-Cabinet). */
  bodyB: string;
  /** A task of the conclusion notice of meeting B, assigned to agency B. */
  taskB: string;
  /** A draft ballot of a body of agency B (e-Cabinet). */
  ballotB: string;
  /** The issued conclusion notice of meeting B (e-Cabinet). */
  conclusionB: string;
  /** An incoming document of agency B's node (exchange). */
  documentB: string;
}

async function fingerprint(p: TestPlatform): Promise<string> {
  const tables = await rows<{ t: string }>(
    p.db,
    sql`select tablename as t from pg_tables where schemaname = 'public' and tablename not in ('audit_log', 'jobs') order by 1`,
  );
  const parts: string[] = [];
  for (const { t } of tables) {
    const [r] = await rows<{ h: string }>(
      p.db,
      sql.raw(`select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from "${t}" x`),
    );
    parts.push(`${t}=${r?.h}`);
  }
  return parts.join(',');
}

describe('objects of another agency or person', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let ops: { method: string; path: string; key: string }[];
  const callers: Record<Caller, string> = {
    agencyAdmin: '',
    official: '',
    meetingOffice: '',
    cabinetAdmin: '',
    clerk: '',
  };
  let fx: Fixtures;
  let personA: string;

  beforeAll(async () => {
    p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '1000' });
    app = await testApp(p);
    const doc = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, object> }>();
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })),
    );
    const [a, b] = await p.db
      .insert(agencies)
      .values([
        { code: '000.00.81.G01', nameVi: 'Cơ quan A', level: 'central' },
        { code: '000.00.82.G01', nameVi: 'Cơ quan B', level: 'central' },
      ])
      .returning({ id: agencies.id });
    const make = (username: string, agencyId: string, roles: string[]) =>
      p.db.transaction(async (tx) => {
        await ensureBuiltinRoles(tx);
        return ensurePerson(tx, SYSTEM_CONTEXT, {
          username,
          displayName: username,
          password: TEST_PASSWORD,
          agencyId,
          roles,
        });
      });
    await make('quantri-a', a!.id, ['agency_admin']);
    personA = await make('canbo-a', a!.id, ['official']);
    await make('vanphong-a', a!.id, ['meeting_office']);
    const personB = await make('canbo-b', b!.id, ['official']);
    const principalB = await make('lanhdao-b', b!.id, ['official']);
    callers.agencyAdmin = await signedIn(app, p, 'quantri-a', ['agency_admin']);
    callers.official = await signedIn(app, p, 'canbo-a', ['official']);
    callers.meetingOffice = await signedIn(app, p, 'vanphong-a', ['meeting_office']);
    // Bodies and meetings of agency A only: the e-Cabinet permissions without the all-agency scope.
    await p.db.insert(roles).values({
      code: 'cabinet_office_a',
      nameVi: 'Văn phòng (A)',
      nameEn: 'Office (A)',
      permissions: [Permissions.manageBodies, Permissions.manageMeetings],
    });
    await make('quantri-hop-a', a!.id, ['cabinet_office_a']);
    callers.cabinetAdmin = await signedIn(app, p, 'quantri-hop-a', ['cabinet_office_a']);
    // A documents clerk of A who also prepares meetings (dispatching a notice needs both).
    await make('vanthu-a', a!.id, ['documents_clerk', 'meeting_office']);
    callers.clerk = await signedIn(app, p, 'vanthu-a', ['documents_clerk', 'meeting_office']);
    await p.db.insert(exchangeNodeAgencies).values([
      { code: '000.00.81.G01', name: 'Cơ quan A' },
      { code: '000.00.82.G01', name: 'Cơ quan B' },
    ]);
    const [documentB] = await p.db
      .insert(exchangeDocuments)
      .values({
        id: '00000000-0000-4000-8000-00000000d0cb',
        direction: 'inbound',
        agencyCode: '000.00.82.G01',
        documentId: '000.00.81.G01,2026/03/11,1/CV-A',
        fromCode: '000.00.81.G01',
        subject: 'Công văn gửi B',
        searchText: 'cong van gui b',
        envelopeSha256: '0'.repeat(64),
        state: 'arrived',
        createdAt: new Date('2026-03-11T01:00:00Z'),
        updatedAt: new Date('2026-03-11T01:00:00Z'),
      })
      .returning({ id: exchangeDocuments.id });
    await signedIn(app, p, 'canbo-b', ['official']);
    const [sessionB] = await p.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.personId, personB));
    const [delegation] = await p.db
      .insert(delegations)
      .values({ principalId: principalB, delegateId: personB, validFrom: '2026-01-01' })
      .returning({ id: delegations.id });
    await p.db.insert(governmentMembers).values({
      personId: principalB,
      office: 'minister',
      agencyId: b!.id,
      titleVi: 'Bộ trưởng',
      validFrom: '2026-01-01',
    });
    await p.db.insert(oidcClients).values({
      clientId: 'he-thong-b',
      name: 'Hệ thống B',
      agencyId: b!.id,
      metadata: { client_id: 'he-thong-b', redirect_uris: ['https://b.example.vn/cb'] },
    });
    const [passkey] = await p.db
      .insert(passkeys)
      .values({ personId: personB, credentialId: 'cred-b', publicKey: 'AA', name: 'Khoá B' })
      .returning({ id: passkeys.id });
    const [certificate] = await p.db
      .insert(certificates)
      .values({
        personId: personB,
        fingerprint: 'ab'.repeat(32),
        serialNumber: '01',
        subject: 'CN=B',
        issuer: 'CN=CA',
        notBefore: new Date('2026-01-01'),
        notAfter: new Date('2027-01-01'),
        pem: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----',
        source: 'upload',
      })
      .returning({ id: certificates.id });
    const [notification] = await p.db
      .insert(notifications)
      .values({
        channel: 'inapp',
        personId: personB,
        locale: 'vi',
        template: 'test',
        subject: 'Thư của B',
        body: 'Nội dung',
        state: 'sent',
      })
      .returning({ id: notifications.id });
    const profileId = await insertRuleProfile(p.db, 'SCOPE-TEST');
    const [bodyB] = await p.db
      .insert(bodies)
      .values({
        code: 'UBND-B',
        nameVi: 'UBND B',
        kind: 'province_pc',
        agencyId: b!.id,
        ruleProfileCode: 'SCOPE-TEST',
      })
      .returning({ id: bodies.id });
    const [meetingB] = await p.db
      .insert(meetings)
      .values({
        bodyId: bodyB!.id,
        ruleProfileId: profileId,
        title: 'Phiên họp của B',
        kind: 'regular',
        status: 'invited',
        plannedStart: new Date('2026-03-10T01:00:00Z'),
        plannedEnd: new Date('2026-03-10T09:00:00Z'),
        chairId: principalB,
        papersDueOn: '2026-03-05',
        createdBy: principalB,
      })
      .returning({ id: meetings.id });
    const [conclusionB] = await p.db
      .insert(conclusions)
      .values({
        meetingId: meetingB!.id,
        title: 'Kết luận của B',
        state: 'issued',
        dueOn: '2026-03-17',
        createdBy: principalB,
        createdAt: new Date('2026-03-11T01:00:00Z'),
      })
      .returning({ id: conclusions.id });
    const [taskB] = await p.db
      .insert(tasks)
      .values({
        conclusionId: conclusionB!.id,
        meetingId: meetingB!.id,
        title: 'Nhiệm vụ của B',
        assigneeAgencyId: b!.id,
        dueOn: '2026-04-15',
        state: 'open',
        createdBy: principalB,
        createdAt: new Date('2026-03-11T01:00:00Z'),
      })
      .returning({ id: tasks.id });
    const [ballotB] = await p.db
      .insert(ballots)
      .values({
        bodyId: bodyB!.id,
        title: 'Phiếu lấy ý kiến của B',
        questions: [{ id: 'q-1', text: 'Đồng ý?', options: [] }],
        state: 'draft',
        ruleProfileId: profileId,
        answerDays: 3,
        createdBy: principalB,
        createdAt: new Date('2026-03-11T01:00:00Z'),
      })
      .returning({ id: ballots.id });
    fx = {
      documentB: documentB!.id,
      conclusionB: conclusionB!.id,
      ballotB: ballotB!.id,
      taskB: taskB!.id,
      meetingB: meetingB!.id,
      bodyB: bodyB!.id,
      personB,
      delegationB: delegation!.id,
      clientB: 'he-thong-b',
      sessionB: sessionB!.id,
      passkeyB: passkey!.id,
      certificateB: certificate!.id,
      notificationB: notification!.id,
    };
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  // The object's id first; any other id a real one would not match, a position the first.
  const url = (path: string, objectId: string) =>
    path
      .replace(/\{[^}]+\}/, objectId)
      .replace('{position}', '1')
      .replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000001');

  it('classifies every route that names an object', () => {
    const unclassified = ops
      .filter((o) => o.path.includes('{') && !(o.key in SCOPED) && !(o.key in NATIONAL))
      .map((o) => o.key);
    expect(unclassified).toEqual([]);
    const stale = [...Object.keys(SCOPED), ...Object.keys(NATIONAL)].filter(
      (k) => !ops.some((o) => o.key === k),
    );
    expect(stale).toEqual([]);
  });

  it('answers 404 for another agency’s or person’s object, changing nothing', async () => {
    const before = await fingerprint(p);
    const leaks: string[] = [];
    for (const op of ops.filter((o) => o.key in SCOPED)) {
      const { caller, object, payload } = SCOPED[op.key]!;
      const res = await app.inject({
        method: op.method as 'GET',
        url: url(op.path, fx[object]),
        headers: { cookie: callers[caller] },
        payload:
          op.method === 'GET' || op.method === 'DELETE' ? undefined : (payload ?? { agencyId: fx.personB }),
      });
      if (res.statusCode !== 404) leaks.push(`${op.key} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
    expect(await fingerprint(p)).toBe(before);
  });

  it('reaches the same kind of object in the caller’s own agency (the check above can fail)', async () => {
    const own = await app.inject({
      url: `/api/admin/people/${personA}`,
      headers: { cookie: callers.agencyAdmin },
    });
    expect(own.statusCode).toBe(200);
    const [b] = await p.db.select().from(persons).where(eq(persons.id, fx.personB));
    expect(b!.username).toBe('canbo-b');
  });
});
