import { useEffect, useRef } from 'react';
import type { ServerEvent } from './types.js';

const MAX_BACKOFF_MS = 30_000;
/** The server closes with 4401 (no session) or 4403 (foreign origin): reconnecting cannot help. */
const FINAL_CLOSE_CODES = new Set([4401, 4403]);

function eventsUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api/events`;
}

function parseEvent(raw: unknown): ServerEvent | null {
  if (typeof raw !== 'string') return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string')
      return value as ServerEvent;
  } catch {
    // not an event: ignore
  }
  return null;
}

/**
 * Listens to the signed-in person's events on /api/events while `enabled`, reconnecting with
 * exponential back-off (1 s … 30 s) after the connection drops, unless the server refused it for good.
 */
export function useServerEvents(enabled: boolean, onEvent: (event: ServerEvent) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (!enabled) return undefined;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;
    const connect = () => {
      socket = new WebSocket(eventsUrl());
      socket.onopen = () => {
        failures = 0;
      };
      socket.onmessage = (message: MessageEvent) => {
        const event = parseEvent(message.data);
        if (event) handler.current(event);
      };
      socket.onclose = (close: CloseEvent) => {
        if (stopped || FINAL_CLOSE_CODES.has(close.code)) return;
        timer = setTimeout(connect, Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures));
        failures += 1;
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [enabled]);
}
