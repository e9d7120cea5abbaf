/**
 * The papers' world (two agencies, meeting A with member1 as chair and member2, the offices, an outsider) plus
 * what the discussion needs: member1's secretary (a delegation in force), a guest invited to meeting A, and
 * agenda items (one ordinary, one classified).
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { signedIn } from '../../../test/support/http.js';
import { delegations, persons } from '../identity/schema.js';
import { papersWorld, type PapersWorld } from './papers.test-helpers.js';
import { participants } from './schema.js';

export interface DiscussionWorld extends PapersWorld {
  secretary: string;
  guest: string;
  item: string;
  classifiedItem: string;
  more: { secretary: string; guest: string };
}

async function personId(w: PapersWorld, username: string): Promise<string> {
  const [row] = await w.p.db.select({ id: persons.id }).from(persons).where(eq(persons.username, username));
  return row!.id;
}

export async function addItem(
  app: FastifyInstance,
  cookie: string,
  meetingId: string,
  title: string,
  classification = 'internal',
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/cabinet/meetings/${meetingId}/agenda`,
    headers: { cookie },
    payload: { title, classification },
  });
  if (res.statusCode !== 201) throw new Error(`agenda item: ${res.body}`);
  return res.json<{ id: string }>().id;
}

export async function discussionWorld(): Promise<DiscussionWorld> {
  const w = await papersWorld();
  const secretaryCookie = await signedIn(w.app, w.p, 'thuky-mot', ['official']);
  const guestCookie = await signedIn(w.app, w.p, 'khach-moi', ['official']);
  const secretary = await personId(w, 'thuky-mot');
  const guest = await personId(w, 'khach-moi');
  await w.p.db
    .insert(delegations)
    .values({ principalId: w.member1, delegateId: secretary, validFrom: '2026-01-01' });
  await w.p.db
    .insert(participants)
    .values({ meetingId: w.meetingA, personId: guest, role: 'guest', voting: false, attendance: 'invited' });
  const item = await addItem(
    w.app,
    w.cookies.officeA,
    w.meetingA,
    'Dự thảo Nghị quyết về phát triển kinh tế - xã hội',
  );
  const classifiedItem = await addItem(w.app, w.cookies.officeA, w.meetingA, 'Phương án nhân sự', 'mat');
  return Object.assign(w, {
    secretary,
    guest,
    item,
    classifiedItem,
    more: { secretary: secretaryCookie, guest: guestCookie },
  });
}
