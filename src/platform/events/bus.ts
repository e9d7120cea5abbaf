import { EventEmitter } from 'node:events';

/**
 * In-process event bus for realtime fan-out (inbox counters, meeting room, in-app notices).
 * Events are facts after commit; publishers call publish() once their transaction has committed.
 * At scale the same interface is backed by PostgreSQL LISTEN/NOTIFY across nodes.
 */
export interface PlatformEvent {
  /** e.g. 'notify.inapp', 'cabinet.meeting.updated' */
  type: string;
  /** Who should receive it: a person id, or a topic such as 'meeting:<id>'. */
  audience: string;
  data: unknown;
}

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0); // one listener per connected client is normal
  }
  publish(event: PlatformEvent): void {
    this.emitter.emit(event.audience, event);
  }
  subscribe(audience: string, listener: (e: PlatformEvent) => void): () => void {
    this.emitter.on(audience, listener);
    return () => this.emitter.off(audience, listener);
  }
}
