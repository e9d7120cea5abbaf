import { describe, expect, it } from 'vitest';
import { readSample } from './edxml.test-helpers.js';
import { parseEdxml, parseEdxmlSync } from './parse.js';

const EDOC = readSample('edoc_new.edxml');

async function* inChunks(b: Buffer, size: number, failAt = Infinity): AsyncIterable<Buffer> {
  for (let i = 0; i < b.length; i += size) {
    if (i >= failAt) throw new Error('connection reset');
    yield b.subarray(i, i + size);
  }
}

describe('parseEdxml, streaming behaviour', () => {
  it('awaits each sink write before the next (back-pressure), in order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let bytes = 0;
    const r = await parseEdxml(inChunks(EDOC, 8192), {
      attachments: () => ({
        write: async (chunk) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          bytes += chunk.length;
          inFlight--;
        },
        end: () => undefined,
      }),
    });
    expect(r.errors).toEqual([]);
    expect(maxInFlight).toBe(1);
    expect(bytes).toBe(270823);
  });

  it('aborts the sink when the envelope breaks after its content started', async () => {
    const events: string[] = [];
    const r = await parseEdxml(inChunks(EDOC.subarray(0, 200_000), 8192), {
      attachments: () => ({
        write: () => undefined,
        end: () => void events.push('end'),
        abort: (e) => void events.push(`abort: ${e.message}`),
      }),
    });
    expect(r.message).toBeNull();
    expect(r.errors.map((e) => e.code)).toEqual(['EDXML_NOT_XML']);
    expect(events).toEqual(['abort: edXML parse failed']);
  });

  it('rejects when the input stream fails, after aborting the sink', async () => {
    const events: string[] = [];
    await expect(
      parseEdxml(inChunks(EDOC, 8192, 100_000), {
        attachments: () => ({
          write: () => undefined,
          end: () => void events.push('end'),
          abort: () => void events.push('abort'),
        }),
      }),
    ).rejects.toThrow('connection reset');
    expect(events).toEqual(['abort']);
  });

  it('reports a sink that cannot open', async () => {
    const r = await parseEdxml(EDOC, {
      attachments: () => {
        throw new Error('quota exceeded');
      },
    });
    expect(r.errors).toEqual([
      {
        code: 'EDXML_SINK_FAILED',
        element: 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded',
        value: 'quota exceeded',
        severity: 'error',
      },
    ]);
  });

  it('stops reading at a wrong root instead of reading the rest', async () => {
    let chunks = 0;
    const input = (async function* () {
      yield Buffer.from('<eDoc xmlns="http://www.go.vn/eDoc">');
      for (;;) {
        chunks++;
        if (chunks > 1000) throw new Error('read too far');
        yield Buffer.from('<x>'.repeat(100));
      }
    })();
    const r = await parseEdxml(input);
    expect(r.errors.map((e) => [e.code, e.value])).toEqual([['EDXML_ROOT', '{http://www.go.vn/eDoc}eDoc']]);
    expect(chunks).toBeLessThan(2);
  });

  it('has a synchronous form for envelopes in memory, with the same result', async () => {
    expect(parseEdxmlSync(EDOC)).toEqual(await parseEdxml(EDOC));
    expect(parseEdxmlSync(EDOC.subarray(0, 1000)).errors.map((e) => e.code)).toEqual(['EDXML_NOT_XML']);
  });
});
