/**
 * The live room's sockets, per meeting. A change is announced on the event bus after its commit; the hub
 * then builds the snapshot once per audience (chair/office, participants) and sends the same serialised
 * string to every socket of that audience. Changes that arrive while a build runs are folded into one more
 * build, so a burst of actions costs at most two builds and clients always end on the latest state.
 */
import type { Platform } from '../../platform/platform.js';
import { PING_INTERVAL_MS } from '../../platform/notify/events.routes.js';
import type { LiveView } from './live.schemas.js';
import { readSnapshot } from './live.snapshot.js';

/** The part of a `ws` WebSocket the hub uses (the package ships no types here). */
export interface LiveSocket {
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'pong' | 'close' | 'error', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
}

const OPEN = 1;
const EVENT_TYPE = 'cabinet.live.changed';

interface Client {
  socket: LiveSocket;
  view: LiveView;
  /** The highest sequence this socket was sent, so an older snapshot never follows a newer one. */
  seq: number;
  last: string | null;
}

interface Room {
  clients: Set<Client>;
  unsubscribe: () => void;
  building: boolean;
  dirty: boolean;
  /** The newest snapshot built per audience: a client joining at that sequence gets it without a rebuild. */
  latest: Map<LiveView, { seq: number; text: string }>;
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
   * meeting's live sequence as the caller read it: a kept snapshot that recent is sent as it is.
   */
  join(meetingId: string, socket: LiveSocket, view: LiveView, hello: object, seq: number): void {
    const room = this.roomOf(meetingId);
    const client: Client = { socket, view, seq: -1, last: null };
    room.clients.add(client);
    this.send(
      client,
      JSON.stringify({ type: 'hello', serverTime: this.p.clock.now().toISOString(), ...hello }),
    );
    const kept = room.latest.get(view);
    if (kept && kept.seq >= seq) this.deliver(client, kept.seq, kept.text);
    else void this.sendFresh(meetingId, client);

    socket.on('message', (data) => this.onMessage(meetingId, client, data));
    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    const timer = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, PING_INTERVAL_MS);
    timer.unref();
    const leave = () => {
      clearInterval(timer);
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
   * A client may say which state it has ({type:'resume', seq}); a fresh snapshot is always correct, so one
   * behind is sent the latest. {type:'ping'} answers the server time (phones cannot see protocol pings).
   */
  private onMessage(meetingId: string, client: Client, data: Buffer): void {
    let msg: { type?: unknown; seq?: unknown };
    try {
      msg = JSON.parse(data.toString('utf8')) as typeof msg;
    } catch {
      return;
    }
    if (msg.type === 'ping')
      this.send(client, JSON.stringify({ type: 'pong', serverTime: this.p.clock.now().toISOString() }));
    else if (msg.type === 'resume' && (typeof msg.seq !== 'number' || msg.seq < client.seq) && client.last)
      this.send(client, client.last);
    else if (msg.type === 'resume') void this.sendFresh(meetingId, client);
  }

  private async sendFresh(meetingId: string, client: Client): Promise<void> {
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
    }
  }

  private async rebuild(meetingId: string, room: Room): Promise<void> {
    if (room.building) {
      room.dirty = true;
      return;
    }
    room.building = true;
    try {
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
    client.last = text;
    this.send(client, text);
  }

  private send(client: Client, text: string): void {
    if (client.socket.readyState === OPEN) client.socket.send(text);
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
