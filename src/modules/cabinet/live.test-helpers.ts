/**
 * Fixtures for the live room tests: the papers world (agency A's meeting, its office, member1 chairing,
 * member2) plus a third voting member and two agenda items, the meeting invited. And a small `ws` client.
 */
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { signedIn } from '../../../test/support/http.js';
import { personIdByUsername } from '../identity/index.js';
import { papersWorld, type PapersWorld } from './papers.test-helpers.js';
import type { LiveSnapshot } from './live.schemas.js';
import { agendaItems, meetings, participants } from './schema.js';

export interface LiveWorld extends PapersWorld {
  member3: string;
  member3Cookie: string;
  items: [string, string];
}

export async function liveWorld(): Promise<LiveWorld> {
  const w = await papersWorld();
  const member3Cookie = await signedIn(w.app, w.p, 'uyvien-ba', ['official']);
  const member3 = (await w.p.db.transaction((tx) => personIdByUsername(tx, 'uyvien-ba')))!;
  await w.p.db.insert(participants).values({
    meetingId: w.meetingA,
    personId: member3,
    role: 'member',
    voting: true,
    attendance: 'confirmed',
  });
  const rows = await w.p.db
    .insert(agendaItems)
    .values([
      {
        meetingId: w.meetingA,
        position: 1,
        title: 'Dự thảo Nghị định về Chính phủ điện tử',
        plannedMinutes: 30,
      },
      { meetingId: w.meetingA, position: 2, title: 'Báo cáo kinh tế - xã hội tháng 2', plannedMinutes: 20 },
    ])
    .returning({ id: agendaItems.id });
  await w.p.db.update(meetings).set({ status: 'invited' }).where(eq(meetings.id, w.meetingA));
  return { ...w, member3, member3Cookie, items: [rows[0]!.id, rows[1]!.id] };
}

/** The part of the `ws` client the tests use (the package ships no types here). */
export interface WsClient {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open', listener: () => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  on(event: 'error', listener: (e: Error) => void): void;
}
type WsConstructor = new (url: string, options: { headers: Record<string, string> }) => WsClient;
const WebSocketClass = createRequire(import.meta.url)('ws') as WsConstructor;

export interface LiveMessage {
  type: string;
  data?: LiveSnapshot;
  viewer?: { personId: string; runsRoom: boolean; participant: boolean };
  serverTime?: string;
}

/** A connected client that keeps every message, and waits for one that matches. */
export class LiveClient {
  readonly messages: LiveMessage[] = [];
  private waiters: { match: (m: LiveMessage) => boolean; resolve: (m: LiveMessage) => void }[] = [];
  closed = false;
  closeCode: number | null = null;

  private constructor(readonly socket: WsClient) {
    socket.on('message', (data) => {
      const msg = JSON.parse(data.toString('utf8')) as LiveMessage;
      this.messages.push(msg);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(msg)) return true;
        w.resolve(msg);
        return false;
      });
    });
    socket.on('close', (code) => {
      this.closed = true;
      this.closeCode = code;
    });
  }

  static async connect(url: string, cookie: string): Promise<LiveClient> {
    const socket = new WebSocketClass(url, { headers: { cookie } });
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => resolve());
      socket.on('error', reject);
    });
    return client;
  }

  /** The first message (already received or to come) that matches, or a rejection after `ms`. */
  next(match: (m: LiveMessage) => boolean, ms = 5000): Promise<LiveMessage> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message')), ms);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** A snapshot at or after `seq` for which `match` holds. */
  snapshot(match: (s: LiveSnapshot) => boolean, ms?: number): Promise<LiveSnapshot> {
    return this.next((m) => m.type === 'snapshot' && !!m.data && match(m.data), ms).then((m) => m.data!);
  }

  /** Resolves with the close code once the server has closed the socket. */
  closedBy(): Promise<number> {
    if (this.closed) return Promise.resolve(this.closeCode ?? 0);
    return new Promise((resolve) => this.socket.on('close', (code) => resolve(code)));
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.on('close', () => resolve());
      this.socket.close();
    });
  }
}
