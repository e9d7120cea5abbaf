/**
 * Test fixtures for the people register (used by people/roles/delegations/businesses tests only): a
 * platform with a small agency tree, an all-powerful service actor, and callers signed in at an agency.
 */
import { asc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { signedIn, testApp, TEST_PASSWORD } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { createAgency, systemAgencyActor } from './agencies.service.js';
import { systemPeopleActor, type PeopleActor } from './people.access.js';
import type { PersonDetail } from './people.model.js';
import { createPerson, type NewPersonInput } from './people.service.js';
import { ensureBuiltinRoles } from './persons.service.js';
import {
  businesses,
  businessRepresentatives,
  delegations,
  governmentMembers,
  personAgencies,
  personRoles,
  persons,
  roles,
} from './schema.js';

type Reply = Awaited<ReturnType<FastifyInstance['inject']>>;

/** 2 March 2026, 10:00 in Hà Nội. */
export const NOW = new Date('2026-03-02T03:00:00Z');

export interface PeopleWorld {
  p: TestPlatform;
  app: FastifyInstance;
  /** Nghệ An People's Committee (A), a department under it (A1), Hà Nội's (B), a ministry. */
  agencyA: string;
  agencyA1: string;
  agencyB: string;
  ministry: string;
  /** A system administrator (every permission, every agency). */
  admin: string;
}

/** The service-level actor with every permission, for arranging data. */
export function rootActor(now: Date = NOW): PeopleActor {
  return systemPeopleActor(now);
}

export async function peopleWorld(): Promise<PeopleWorld> {
  const p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '100000' }, NOW);
  const app = await testApp(p);
  const ids = await p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    const sys = systemAgencyActor(NOW);
    const agency = async (code: string, nameVi: string, level: 'central' | 'province', parentId?: string) =>
      (await createAgency(tx, sys, { code, nameVi, level, parentId: parentId ?? null })).id;
    const agencyA = await agency('000.00.00.H41', 'Ủy ban nhân dân tỉnh Nghệ An', 'province');
    const agencyA1 = await agency('000.00.01.H41', 'Sở Tư pháp tỉnh Nghệ An', 'province', agencyA);
    const agencyB = await agency('000.00.00.H24', 'Ủy ban nhân dân thành phố Hà Nội', 'province');
    const ministry = await agency('000.00.00.G12', 'Bộ Tài chính', 'central');
    return { agencyA, agencyA1, agencyB, ministry };
  });
  const admin = await signedIn(app, p, 'sysadmin', ['admin']);
  return { p, app, ...ids, admin };
}

type Method = 'POST' | 'PATCH' | 'DELETE';

/**
 * A world for the surrounding describe block, built before its tests and closed after them (`w` is filled
 * in by then: read its fields inside tests and hooks), and requests to its app, as its administrator
 * unless another session cookie is given.
 */
export function peopleSuite() {
  const w = {} as PeopleWorld;
  beforeAll(async () => {
    Object.assign(w, await peopleWorld());
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });
  return {
    w,
    get: (url: string, cookie = w.admin) => w.app.inject({ url, headers: { cookie } }),
    send: (method: Method, url: string, payload?: object, cookie = w.admin) =>
      w.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) }),
  };
}

/** Creates a person through the service (as root), with TEST_PASSWORD unless told otherwise. */
export async function makePerson(
  p: TestPlatform,
  input: Partial<NewPersonInput> & { username: string },
): Promise<PersonDetail> {
  return p.db.transaction((tx) =>
    createPerson(tx, rootActor(p.clock.now()), {
      kind: 'official',
      displayName: input.username,
      password: TEST_PASSWORD,
      ...input,
    }),
  );
}

/** An official with one post, at `agencyId`. */
export function makeOfficial(
  p: TestPlatform,
  username: string,
  displayName: string,
  agencyId: string,
): Promise<PersonDetail> {
  return makePerson(p, { username, displayName, posts: [{ agencyId }] });
}

/** An official with a post at `agencyId` and these roles, signed in: the session acts for that agency. */
export async function signedInAt(
  w: PeopleWorld,
  username: string,
  agencyId: string,
  roleCodes: string[],
): Promise<{ cookie: string; person: PersonDetail }> {
  const person = await makePerson(w.p, { username, roles: roleCodes, posts: [{ agencyId }] });
  return { cookie: await signedIn(w.app, w.p, username, roleCodes), person };
}

export const errorOf = (res: Reply): { code: string; details?: Record<string, unknown> } =>
  res.json<{ error: { code: string; details?: Record<string, unknown> } }>().error;

/** Everything the people register holds, to show that a refused request changed nothing. */
export async function registerState(w: { p: TestPlatform }) {
  const db = w.p.db;
  return {
    persons: await db.select().from(persons).orderBy(asc(persons.id)),
    posts: await db
      .select()
      .from(personAgencies)
      .orderBy(asc(personAgencies.personId), asc(personAgencies.agencyId)),
    roles: await db.select().from(personRoles).orderBy(asc(personRoles.personId), asc(personRoles.roleCode)),
    roleDefs: await db.select().from(roles).orderBy(asc(roles.code)),
    members: await db.select().from(governmentMembers).orderBy(asc(governmentMembers.id)),
    delegations: await db.select().from(delegations).orderBy(asc(delegations.id)),
    businesses: await db.select().from(businesses).orderBy(asc(businesses.id)),
    representatives: await db
      .select()
      .from(businessRepresentatives)
      .orderBy(asc(businessRepresentatives.businessId), asc(businessRepresentatives.personId)),
  };
}
