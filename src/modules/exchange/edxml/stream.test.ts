import { createHash, randomFillSync } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildEdxml } from './build.js';
import type { EdxmlMessage } from './model.js';
import { parseEdxml } from './parse.js';

/** Decoded size: its base64 makes an envelope of ~50 MB. */
const SIZE = 37.5 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** Pseudo-random "ZIP" bytes made on the fly (never one big Buffer); hashes what it hands out. */
function generate(hash: ReturnType<typeof createHash>): AsyncIterable<Buffer> {
  return (async function* () {
    for (let sent = 0; sent < SIZE; sent += CHUNK) {
      const chunk = randomFillSync(Buffer.allocUnsafe(Math.min(CHUNK, SIZE - sent)));
      if (sent === 0) chunk.write('PK\x03\x04', 'latin1');
      hash.update(chunk);
      yield chunk;
    }
  })();
}

/** A bounded pipe: build's sink waits while the parser has not taken the previous chunks. */
function pipe(): { sink: (c: Buffer) => Promise<void>; close: () => void; source: AsyncIterable<Buffer> } {
  const queue: Buffer[] = [];
  let closed = false;
  // Held in an object: assigned inside promise executors, which control-flow analysis does not follow.
  const wake: { reader?: () => void; writer?: () => void } = {};
  const limit = 4;
  return {
    sink: async (c) => {
      while (queue.length >= limit) await new Promise<void>((r) => (wake.writer = r));
      queue.push(c);
      wake.reader?.();
    },
    close: () => {
      closed = true;
      wake.reader?.();
    },
    source: (async function* () {
      for (;;) {
        if (queue.length) {
          yield queue.shift()!;
          wake.writer?.();
          continue;
        }
        if (closed) return;
        await new Promise<void>((r) => (wake.reader = r));
      }
    })(),
  };
}

const message: EdxmlMessage = {
  kind: 'edoc',
  edoc: {
    from: { organId: '000.00.00.G22' },
    to: [{ organId: '000.00.00.H41' }],
    documentId: '000.00.00.G22,2025/07/01,1/VPCP-TTĐT',
    subject: 'Tệp lớn',
    toPlaces: [],
    responseFor: [],
    traces: [{ organId: '000.00.00.G22', timestamp: '2025/07/01 08:00:00' }],
    business: { docType: '0', receivers: [], replacements: [] },
    manifest: { references: [{ contentId: 'cid:big', attachmentName: 'big.zip' }] },
    attachments: [],
  },
};

describe('streaming a 50 MB envelope', () => {
  it('builds and parses it chunk by chunk: the hash matches and the heap stays small', async () => {
    const sent = createHash('sha256');
    const received = createHash('sha256');
    let receivedBytes = 0;
    let envelopeBytes = 0;
    // Live memory is what must stay small; heapUsed without a collection also counts garbage not yet swept.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage().heapUsed;
    const baseBuffers = process.memoryUsage().arrayBuffers;
    let peak = base;
    let peakBuffers = baseBuffers;
    let writes = 0;
    let lastSample = 0;
    const { sink, close, source } = pipe();
    const counted = (async function* () {
      for await (const c of source) {
        envelopeBytes += c.length;
        yield c;
      }
    })();
    const started = performance.now();
    const building = buildEdxml(
      message,
      [{ meta: { contentId: 'cid:big', name: 'big.zip' }, zipped: generate(sent) }],
      sink,
    ).finally(close);
    const [result] = await Promise.all([
      parseEdxml(counted, {
        attachments: () => ({
          write: async (chunk) => {
            received.update(chunk);
            receivedBytes += chunk.length;
            writes++;
            // A full collection every ~150 ms of streaming: a few samples of live memory, little time.
            if (performance.now() - lastSample > 150) {
              gc();
              lastSample = performance.now();
              const m = process.memoryUsage();
              peak = Math.max(peak, m.heapUsed);
              peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
            }
          },
          end: () => undefined,
        }),
      }),
      building,
    ]);
    const seconds = (performance.now() - started) / 1000;
    expect(result.errors).toEqual([]);
    expect(envelopeBytes).toBeGreaterThan(50_000_000);
    expect(receivedBytes).toBe(SIZE);
    const digest = sent.digest('hex');
    expect(received.digest('hex')).toBe(digest);
    expect(result.message?.kind === 'edoc' && result.message.edoc.attachments[0]).toMatchObject({
      size: SIZE,
      sha256: digest,
    });
    const growth = (peak - base) / 1024 / 1024;
    const buffers = (peakBuffers - baseBuffers) / 1024 / 1024;
    console.info(
      `50 MB envelope: ${(envelopeBytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s, live heap peak +${growth.toFixed(1)} MB, buffers +${buffers.toFixed(1)} MB (${writes} sink writes)`,
    );
    expect(growth).toBeLessThan(25);
    // Buffers live outside the heap: they too must never hold the attachment whole.
    expect(buffers).toBeLessThan(25);
  });
});
