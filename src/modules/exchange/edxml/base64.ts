/**
 * Streaming base64 for attachment content: decode text that arrives in pieces of any size (carrying the 0–3
 * characters of an incomplete quantum to the next piece, ignoring line breaks and blanks) and encode byte
 * streams (carrying 0–2 bytes). Node's Buffer base64 decoder silently skips bad characters (and accepts the
 * base64url ones), so validity is checked here: by the decoded length, plus a regex when the text has blanks.
 */

/** Only the base64 alphabet, '=' and XML whitespace. */
const ALPHABET = /^[A-Za-z0-9+/=\t\n\r ]*$/;
const BLANKS = /[\t\n\r ]+/g;
const HAS_BLANK = /[\t\n\r ]/;

export type Base64Failure = 'alphabet' | 'padding' | 'length';

export class Base64Decoder {
  private carry = '';
  private padded = false;
  private failed: Base64Failure | null = null;
  /** True when the content ended without its '=' padding (accepted, reported as a warning). */
  unpadded = false;

  /** Why decoding failed, or null. After a failure, push() returns nothing. */
  get failure(): Base64Failure | null {
    return this.failed;
  }

  /**
   * Decodes the next piece, given as the document's bytes (the fast path: a base64 run on one line is checked
   * with native Buffer.indexOf only) or as text.
   */
  push(piece: Buffer | string): Buffer | null {
    if (this.failed) return null;
    if (typeof piece !== 'string') {
      // Blanks or non-ASCII bytes: take the general path. Otherwise only '-' and '_' (base64url, which Node
      // would silently accept) need a look; any other stray byte shows up as a short decode below.
      if (
        piece.indexOf(0x0a) >= 0 ||
        piece.indexOf(0x20) >= 0 ||
        piece.indexOf(0x09) >= 0 ||
        piece.indexOf(0x0d) >= 0
      )
        return this.push(piece.toString('latin1'));
      if (piece.indexOf(0x2d) >= 0 || piece.indexOf(0x5f) >= 0) return this.fail('alphabet');
      return this.clean(piece.toString('latin1'));
    }
    if (!ALPHABET.test(piece)) return this.fail('alphabet');
    return this.clean(HAS_BLANK.test(piece) ? piece.replace(BLANKS, '') : piece);
  }

  /** `s` holds no blanks; characters outside the alphabet are caught by the decoded length. */
  private clean(piece: string): Buffer | null {
    if (piece.length === 0) return null;
    if (this.padded) return this.fail('padding');
    const s = this.carry + piece;
    const eq = s.indexOf('=');
    let whole: number;
    if (eq >= 0) {
      // Padding ends the content: one or two '=' closing the last quantum, nothing after them.
      const tail = s.slice(eq);
      if (tail.length > 2 || eq % 4 < 2 || (tail.length === 2 && tail !== '==')) return this.fail('padding');
      if (s.length % 4 === 0) {
        this.padded = true;
        this.carry = '';
        return this.decode(s, s.length, tail.length);
      }
      // "AB=" with its second '=' in the next piece: keep the partial quantum.
      whole = s.length - (s.length % 4);
    } else whole = s.length - (s.length % 4);
    this.carry = s.slice(whole);
    return whole > 0 ? this.decode(whole === s.length ? s : s.slice(0, whole), whole, 0) : null;
  }

  /** Node skips characters outside the alphabet: a decode shorter than the quanta promise means there were some. */
  private decode(s: string, length: number, pads: number): Buffer | null {
    const bytes = Buffer.from(s, 'base64');
    return bytes.length === (length / 4) * 3 - pads ? bytes : this.fail('alphabet');
  }

  /** The end of the content: the last incomplete quantum, decoded leniently when it can be. */
  end(): Buffer | null {
    if (this.failed) return null;
    const rest = this.carry;
    this.carry = '';
    if (rest.length === 0) return null;
    if (rest.length === 1 || rest.indexOf('=') === 1) return this.fail('length');
    this.unpadded = true;
    const bytes = Buffer.from(rest, 'base64');
    const expected = rest.indexOf('=') === 2 ? 1 : rest.length - 1;
    return bytes.length === expected ? bytes : this.fail('alphabet');
  }

  private fail(reason: Base64Failure): null {
    this.failed = reason;
    this.carry = '';
    return null;
  }
}

/** Base64 of a byte stream, one long line (as the samples): pieces of whole quanta, the last one padded. */
export async function* base64Encode(
  data: Buffer | AsyncIterable<Buffer | Uint8Array>,
): AsyncIterable<string> {
  if (Buffer.isBuffer(data)) {
    // Encode a big buffer in slices so that no single string holds the whole attachment.
    const step = 3 * 256 * 1024;
    for (let i = 0; i < data.length; i += step) yield data.subarray(i, i + step).toString('base64');
    return;
  }
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of data) {
    const bytes = carry.length
      ? Buffer.concat([carry, chunk])
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const whole = bytes.length - (bytes.length % 3);
    if (whole > 0) yield bytes.subarray(0, whole).toString('base64');
    carry = Buffer.from(bytes.subarray(whole));
  }
  if (carry.length) yield carry.toString('base64');
}
