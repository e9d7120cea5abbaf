import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../../api/client.js';
import { livePath, type LiveSnapshot, type LiveViewer } from './live.api.js';

const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 2000;
/** A socket that does not answer a ping this fast after the phone wakes up is taken for dead. */
const PROBE_MS = 1000;
/** Close codes the server uses for "do not retry" (mirror HTTP 401 and 404). */
const CLOSE_UNAUTHENTICATED = 4401;
const CLOSE_NOT_FOUND = 4404;

export interface LiveRoom {
  snapshot: LiveSnapshot | null;
  viewer: LiveViewer | null;
  connected: boolean;
  online: boolean;
  /** Why the room cannot be shown; null while all is well or still trying. */
  failure: 'not_found' | 'unauthenticated' | null;
  /** Server time minus this device's time, in milliseconds (timers tick in server time). */
  offsetMs: number;
  /** Fetches the state over HTTP (after an action, when the socket is down). */
  refresh: () => void;
}

function socketUrl(meetingId: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${livePath(meetingId)}`;
}

/**
 * The live room's state: a WebSocket that sends the whole state on connect and after every change. It
 * reconnects with a backoff of 250 ms doubling up to 2 s, and at once when the device comes back online or
 * the page becomes visible again (a phone that slept probes its socket first), so a returning phone shows
 * the current state within about two seconds. The newest snapshot (highest sequence) wins.
 */
export function useLiveRoom(meetingId: string): LiveRoom {
  const [snapshot, setSnapshot] = useState<LiveSnapshot | null>(null);
  const [viewer, setViewer] = useState<LiveViewer | null>(null);
  const [connected, setConnected] = useState(false);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [failure, setFailure] = useState<LiveRoom['failure']>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const seq = useRef(-1);

  const accept = useCallback((next: LiveSnapshot) => {
    if (next.seq < seq.current) return;
    seq.current = next.seq;
    setSnapshot(next);
  }, []);

  const refresh = useCallback(() => {
    void api
      .get<LiveSnapshot & { viewer: LiveViewer }>(livePath(meetingId))
      .then(({ viewer: v, ...rest }) => {
        setViewer(v);
        accept(rest);
      })
      .catch(() => undefined);
  }, [meetingId, accept]);

  useEffect(() => {
    seq.current = -1;
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let probe: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;

    const schedule = () => {
      clearTimeout(retry);
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);
      attempt++;
      retry = setTimeout(connect, delay);
    };

    function connect() {
      clearTimeout(retry);
      if (stopped) return;
      const ws = new WebSocket(socketUrl(meetingId));
      socket = ws;
      ws.onopen = () => {
        attempt = 0;
        setConnected(true);
        if (seq.current >= 0) ws.send(JSON.stringify({ type: 'resume', seq: seq.current }));
      };
      ws.onmessage = (event: MessageEvent<string>) => {
        clearTimeout(probe);
        const msg = JSON.parse(event.data) as {
          type: string;
          data?: LiveSnapshot;
          viewer?: LiveViewer;
          serverTime?: string;
        };
        if ((msg.type === 'hello' || msg.type === 'pong') && msg.serverTime)
          setOffsetMs(Date.parse(msg.serverTime) - Date.now());
        if (msg.type === 'hello' && msg.viewer) setViewer(msg.viewer);
        if (msg.type === 'snapshot' && msg.data) accept(msg.data);
      };
      ws.onclose = (event) => {
        if (socket !== ws) return;
        socket = null;
        setConnected(false);
        if (stopped) return;
        if (event.code === CLOSE_NOT_FOUND) return setFailure('not_found');
        if (event.code === CLOSE_UNAUTHENTICATED) return setFailure('unauthenticated');
        schedule();
      };
    }

    /** Replaces the socket now (a dead one may still look open after the network changed). */
    const reconnectNow = () => {
      attempt = 0;
      const old = socket;
      socket = null;
      setConnected(false);
      old?.close();
      connect();
    };

    const onOnline = () => {
      setOnline(true);
      reconnectNow();
    };
    const onOffline = () => {
      setOnline(false);
      const old = socket;
      socket = null;
      setConnected(false);
      old?.close();
      schedule();
    };
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      const ws = socket;
      if (!ws || ws.readyState !== WebSocket.OPEN) return reconnectNow();
      ws.send(JSON.stringify({ type: 'resume', seq: seq.current }));
      ws.send(JSON.stringify({ type: 'ping' }));
      clearTimeout(probe);
      probe = setTimeout(reconnectNow, PROBE_MS);
    };

    connect();
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(probe);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVisible);
      socket?.close();
    };
  }, [meetingId, accept]);

  return { snapshot, viewer, connected, online, failure, offsetMs, refresh };
}

/** Now in server time, re-rendering every second (for running timers). */
export function useServerNow(offsetMs: number, running: boolean): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now() + offsetMs), 1000);
    return () => clearInterval(timer);
  }, [offsetMs, running]);
  return now;
}

/** 75 → "1:15", 3700 → "1:01:40". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** Seconds since an instant, in server time. */
export function since(instant: string | null, now: number): number {
  return instant ? Math.max(0, (now - Date.parse(instant)) / 1000) : 0;
}
