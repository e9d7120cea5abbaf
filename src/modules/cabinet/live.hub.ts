/**
 * The live room's sockets, per meeting. A change is announced on the event bus after its commit; the hub
 * then builds the snapshot once per audience (chair/office, participants) and sends the same serialised
 * string to every socket of that audience. Changes that arrive while a build runs are folded into one more
 * build, so a burst of actions costs at most two builds and clients always end on the latest state.
 *
 * Limits, so one client cannot cost the others: a resume is answered from the kept snapshot (a database read
 * only when that is behind, one at a time per socket); more than MAX_MESSAGES_PER_SECOND messages close the
 * socket with 4429; a person's socket beyond MAX_SOCKETS_PER_PERSON in one room is refused with 4429 (the
 * sockets already open keep working; a stale one goes within two ping intervals and frees its place).
 * Access is checked again at most once a minute, on a rebuild: a person removed from the meeting is closed
 * with 4404.
 */
import {
  CLOSE_NOT_FOUND,
  CLOSE_TOO_MANY,
  keepAlive,
  SOCKET_OPEN,
  type WsSocket,
} from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import type { LiveView } from './live.schemas.js';
import { readSnapshot } from './live.snapshot.js';
import { loadMeetingFor, type CabinetActor } from './policy.js';

const EVENT_TYPE = 'cabinet.live.changed';
export const MAX_SOCKETS_PER_PERSON = 10;
/** A client sends a resume on reconnect and a ping every few seconds at most; 20 a second is abuse. */
export const MAX_MESSAGES_PER_SECOND = 20;
const ACCESS_RECHECK_MS = 60_000;

interface Client {
  socket: WsSocket;
  actor: CabinetActor;
  view: LiveView;
  /** The highest sequence this socket was sent, so an older snapshot never follows a newer one. */
  seq: number;
  /** A snapshot read for this socket alone is running: another resume waits for it rather than reading too. */
  reading: boolean;
  /** Messages received in the current one-second window (rate limit). */
  windowStart: number;
  received: number;
}

interface Room {
  clients: Set<Client>;
  unsubscribe: () => void;
  building: boolean;
  dirty: boolean;
  /** The newest snapshot built per audience: a client joining at that sequence gets it without a rebuild. */
  latest: Map<LiveView, { seq: number; text: string }>;
  /** When the sockets' access was last checked again (clock ms). */
  checkedAt: number;
}

const audienceOf = (meetingId: string) => `cabinet-live:${meetingId}`;

export class LiveHub {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly p: Platform) {}

  /** Announces a committed change of a meeting's live state (to every node, through the event bus). */
  changed(meetingId: string, seq: number): void {
    this.p.events.publish({ type: EVENT_TYPE, audience: audienceOf(meetingId), data: { meetingId, seq } });
  }

  /** Sockets connected to the room now (tests, metrics). */
  size(meetingId: string): number {
    return this.rooms.get(meetingId)?.clients.size ?? 0;
  }

  /**
   * Adds a socket: it gets a hello, the current snapshot at once (catch-up), then every change. `seq` is the
   * meeting's live sequence as the caller read it: a kept snapshot that recent is sent as it is. A socket
   * the client already closed (during the caller's access check) is not added: its close has passed.
   */
  join(
    meetingId: string,
    socket: WsSocket,
    actor: CabinetActor,
    view: LiveView,
    hello: object,
    seq: number,
  ): void {
    if (socket.readyState !== SOCKET_OPEN) return;
    const existing = this.rooms.get(meetingId);
    const own = existing ? [...existing.clients].filter((c) => c.actor.personId === actor.personId) : [];
    if (own.length >= MAX_SOCKETS_PER_PERSON) return socket.close(CLOSE_TOO_MANY, 'too many sockets');

    const room = this.roomOf(meetingId);
    const client: Client = {
      socket,
      actor,
      view,
      seq: -1,
      reading: false,
      windowStart: this.p.clock.now().getTime(),
      received: 0,
    };
    room.clients.add(client);
    this.send(
      client,
      JSON.stringify({ type: 'hello', serverTime: this.p.clock.now().toISOString(), ...hello }),
    );
    const kept = room.latest.get(view);
    if (kept && kept.seq >= seq) this.deliver(client, kept.seq, kept.text);
    else void this.sendFresh(meetingId, client);

    socket.on('message', (data) => this.onMessage(meetingId, client, data));
    const stopPings = keepAlive(socket);
    const leave = () => {
      stopPings();
      room.clients.delete(client);
      if (room.clients.size === 0 && this.rooms.get(meetingId) === room) {
        room.unsubscribe();
        this.rooms.delete(meetingId);
      }
    };
    socket.on('close', leave);
    socket.on('error', leave);
  }

  private roomOf(meetingId: string): Room {
    let room = this.rooms.get(meetingId);
    if (!room) {
      const created: Room = {
        clients: new Set(),
        unsubscribe: () => {},
        building: false,
        dirty: false,
        latest: new Map(),
        checkedAt: this.p.clock.now().getTime(),
      };
      created.unsubscribe = this.p.events.subscribe(
        audienceOf(meetingId),
        () => void this.rebuild(meetingId, created),
      );
      this.rooms.set(meetingId, created);
      room = created;
    }
    return room;
  }

  /**
   * A client may say which state it has ({type:'resume', seq}): it gets the kept snapshot when that is at
   * least as recent (or a rebuild is under way, which delivers the newer one), and a database read only when
   * the kept one is behind. {type:'ping'} answers the server time (phones cannot see protocol pings).
   */
  private onMessage(meetingId: string, client: Client, data: Buffer): void {
    if (!this.withinRate(client)) return client.socket.close(CLOSE_TOO_MANY, 'rate');
    let msg: { type?: unknown; seq?: unknown };
    try {
      msg = JSON.parse(data.toString('utf8')) as typeof msg;
    } catch {
      return;
    }
    if (msg.type === 'ping')
      this.send(client, JSON.stringify({ type: 'pong', serverTime: this.p.clock.now().toISOString() }));
    if (msg.type !== 'resume') return;
    const room = this.rooms.get(meetingId);
    const kept = room?.latest.get(client.view);
    const wanted = typeof msg.seq === 'number' ? msg.seq : -1;
    if (kept && (kept.seq >= wanted || room!.building)) this.deliver(client, kept.seq, kept.text);
    else if (!client.reading) void this.sendFresh(meetingId, client);
  }

  /** A fixed one-second window on the hub's clock. */
  private withinRate(client: Client): boolean {
    const now = this.p.clock.now().getTime();
    if (now - client.windowStart >= 1000) {
      client.windowStart = now;
      client.received = 0;
    }
    return ++client.received <= MAX_MESSAGES_PER_SECOND;
  }

  private async sendFresh(meetingId: string, client: Client): Promise<void> {
    client.reading = true;
    try {
      const snapshot = await readSnapshot(this.p.db, meetingId, client.view, this.p.clock.now());
      if (!snapshot) return;
      const text = message(snapshot);
      const room = this.rooms.get(meetingId);
      const kept = room?.latest.get(client.view);
      if (room && (!kept || kept.seq < snapshot.seq))
        room.latest.set(client.view, { seq: snapshot.seq, text });
      this.deliver(client, snapshot.seq, text);
    } catch {
      client.socket.close(1011, 'snapshot');
    } finally {
      client.reading = false;
    }
  }

  /**
   * Access is fixed at join; a participant removed since must stop receiving the meeting. Checked once per
   * distinct person, at most once a minute, so a busy meeting does not pay it on every change.
   */
  private async recheckAccess(meetingId: string, room: Room): Promise<void> {
    const now = this.p.clock.now();
    if (now.getTime() - room.checkedAt < ACCESS_RECHECK_MS) return;
    room.checkedAt = now.getTime();
    const people = new Map<string, CabinetActor>();
    for (const client of room.clients) people.set(client.actor.personId, client.actor);
    for (const [personId, actor] of people) {
      const allowed = await this.p.db
        .transaction((tx) => loadMeetingFor(tx, actor, meetingId, 'read', now))
        .then(
          () => true,
          () => false,
        );
      if (allowed) continue;
      for (const client of room.clients)
        if (client.actor.personId === personId) client.socket.close(CLOSE_NOT_FOUND, 'not found');
    }
  }

  private async rebuild(meetingId: string, room: Room): Promise<void> {
    if (room.building) {
      room.dirty = true;
      return;
    }
    room.building = true;
    try {
      await this.recheckAccess(meetingId, room);
      do {
        room.dirty = false;
        for (const view of ['chair', 'participant'] as const) {
          if (![...room.clients].some((c) => c.view === view)) continue;
          const snapshot = await readSnapshot(this.p.db, meetingId, view, this.p.clock.now());
          if (!snapshot) continue;
          const text = message(snapshot);
          if ((room.latest.get(view)?.seq ?? -1) <= snapshot.seq)
            room.latest.set(view, { seq: snapshot.seq, text });
          // Those who joined while it was being built get it too.
          for (const client of room.clients)
            if (client.view === view) this.deliver(client, snapshot.seq, text);
        }
      } while (room.dirty);
    } catch {
      // The next change or the client's reconnect brings the state again.
    } finally {
      room.building = false;
    }
  }

  private deliver(client: Client, seq: number, text: string): void {
    if (seq < client.seq) return;
    client.seq = seq;
    this.send(client, text);
  }

  private send(client: Client, text: string): void {
    if (client.socket.readyState === SOCKET_OPEN) client.socket.send(text);
  }
}

function message(snapshot: { seq: number }): string {
  return `{"type":"snapshot","data":${JSON.stringify(snapshot)}}`;
}

const hubs = new WeakMap<Platform, LiveHub>();

/** The platform's hub (one per process). */
export function liveHub(p: Platform): LiveHub {
  let hub = hubs.get(p);
  if (!hub) {
    hub = new LiveHub(p);
    hubs.set(p, hub);
  }
  return hub;
}
