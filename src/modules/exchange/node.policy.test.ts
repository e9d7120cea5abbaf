import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies } from '../identity/schema.js';
import { addNodeAgency } from './node.agencies.js';
import { actingAgencies, actingAgency, documentActions, type DocumentAccess } from './node.policy.js';
import { CODE, nodeWorld, type NodeWorld } from './node.test-helpers.js';
import type { DocumentState } from './schema.js';

const CLERK: DocumentAccess = { clerk: true, assignee: false };
const ASSIGNEE: DocumentAccess = { clerk: false, assignee: true };
const NOBODY: DocumentAccess = { clerk: false, assignee: false };
const inbound = (state: DocumentState, businessDocType = '0') =>
  ({ direction: 'inbound', state, businessDocType }) as const;

describe('what may be done to a document', () => {
  it('gives the clerk each incoming step in its state, refusal until completion', () => {
    expect(documentActions(inbound('arrived'), CLERK)).toEqual(['register', 'reject']);
    expect(documentActions(inbound('registered'), CLERK)).toEqual(['assign', 'reject']);
    expect(documentActions(inbound('assigned'), CLERK)).toEqual(['assign', 'process', 'complete', 'reject']);
    expect(documentActions(inbound('processing'), CLERK)).toEqual(['complete', 'reject']);
    for (const s of ['completed', 'rejected', 'revoked'] as const)
      expect(documentActions(inbound(s), CLERK)).toEqual([]);
  });

  it('lets the assignee only process and complete, and nobody else anything', () => {
    expect(documentActions(inbound('arrived'), ASSIGNEE)).toEqual([]);
    expect(documentActions(inbound('assigned'), ASSIGNEE)).toEqual(['process', 'complete']);
    expect(documentActions(inbound('processing'), ASSIGNEE)).toEqual(['complete']);
    for (const s of ['arrived', 'registered', 'assigned', 'processing'] as const)
      expect(documentActions(inbound(s), NOBODY)).toEqual([]);
  });

  it('answers a revocation, update or replacement with agree or refuse, nothing else', () => {
    for (const t of ['1', '2', '3']) {
      expect(documentActions(inbound('arrived', t), CLERK)).toEqual(['agree', 'refuse']);
      expect(documentActions(inbound('completed', t), CLERK)).toEqual([]);
      expect(documentActions(inbound('arrived', t), ASSIGNEE)).toEqual([]);
    }
  });

  it('recalls a new outgoing document once', () => {
    const sent = { direction: 'outbound', state: 'sent', businessDocType: '0' } as const;
    expect(documentActions(sent, CLERK)).toEqual(['recall']);
    expect(documentActions({ ...sent, state: 'sending' }, CLERK)).toEqual(['recall']);
    expect(documentActions(sent, CLERK, true)).toEqual([]);
    expect(documentActions({ ...sent, businessDocType: '1' }, CLERK)).toEqual([]);
    expect(documentActions(sent, NOBODY)).toEqual([]);
  });
});

describe('the node agencies a clerk acts for', () => {
  let w: NodeWorld;
  const UNREGISTERED = '000.00.00.Z99';
  const BELOW_A = '000.00.01.G22';

  beforeAll(async () => {
    w = await nodeWorld();
    // A unit below the Government Office in the registry, and an agency the registry does not know.
    await w.p.db.insert(agencies).values({
      code: BELOW_A,
      nameVi: 'Cục Hành chính - Quản trị',
      level: 'central',
      parentId: w.agencyIds.A,
    });
    await addNodeAgency(w.p.db, BELOW_A);
    await addNodeAgency(w.p.db, UNREGISTERED, 'Cơ quan thử nghiệm');
  }, 60_000);
  afterAll(async () => {
    await w.p.close();
  });

  const codes = async (who: Parameters<NodeWorld['actor']>[0], extra: string[] = []) => {
    const a = w.actor(who);
    const actor = { ...a, permissions: new Set([...a.permissions, ...extra]) };
    return (await actingAgencies(w.p.db, actor)).map((x) => x.code).sort();
  };

  it('is the clerk’s agency and those below it, in the registry', async () => {
    expect(await codes('clerkA')).toEqual([CODE.A, BELOW_A]);
    expect(await codes('clerkB')).toEqual([CODE.B]);
  });

  it('is nothing without the documents permission, everything with the all-agencies scope', async () => {
    expect(await codes('outsider')).toEqual([]);
    expect(await codes('officer')).toEqual([]);
    expect(await codes('clerkC', ['identity.scope.all'])).toEqual([
      CODE.B,
      CODE.A,
      CODE.C,
      UNREGISTERED,
      BELOW_A,
    ]);
  });

  it('answers an agency outside the scope as not found', async () => {
    await expect(actingAgency(w.p.db, w.actor('clerkB'), CODE.A)).rejects.toMatchObject({
      code: 'EXCHANGE_NODE_AGENCY_NOT_FOUND',
    });
    await expect(actingAgency(w.p.db, w.actor('clerkB'), CODE.B.toLowerCase())).resolves.toMatchObject({
      code: CODE.B,
    });
  });
});
