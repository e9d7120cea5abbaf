import type { XmlHandler } from './events.js';

const EVENTS = [
  'startElement',
  'endElement',
  'text',
  'comment',
  'processingInstruction',
  'declaration',
] as const satisfies readonly (keyof XmlHandler)[];

/**
 * One tokenizer pass for several readers: each event goes to every handler that listens for it, in order.
 * (Reading a 100 KB envelope costs more than anything the readers do with it.) Only the events some handler
 * listens for are defined, so the tokenizer still skips the work for the others.
 */
export function teeHandlers(...handlers: XmlHandler[]): XmlHandler {
  const tee: Record<string, (...args: unknown[]) => void> = {};
  for (const event of EVENTS) {
    const listeners = handlers.filter((h) => typeof h[event] === 'function');
    if (listeners.length === 0) continue;
    tee[event] = (...args: unknown[]) => {
      for (const h of listeners) (h[event] as (...a: unknown[]) => void).apply(h, args);
    };
  }
  return tee;
}
