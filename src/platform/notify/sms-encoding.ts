/**
 * SMS user data as SMPP carries it.
 *
 * - Text made only of characters that are the same in ASCII and in the GSM 03.38 default alphabet goes as
 *   data_coding 0 (SMSC default alphabet, one octet per character): 160 characters, or 153 per part when
 *   split. `@ $ _` and brackets are left out on purpose: their GSM codes differ from ASCII or take two
 *   septets, which would garble the text or overflow a part at the SMSC.
 * - Anything else, including every Vietnamese letter with a diacritic, goes as UCS-2 (data_coding 8,
 *   UTF-16BE): 70 code units, or 67 per part, never splitting a surrogate pair across parts.
 * - A long text is split into parts each starting with a concatenation UDH (IEI 0x00: reference,
 *   total, sequence; esm_class 0x40), or sent whole in the message_payload TLV when the SMSC supports it.
 */
export const DATA_CODING_DEFAULT = 0x00;
export const DATA_CODING_UCS2 = 0x08;
export const ESM_CLASS_UDHI = 0x40;

const DEFAULT_ALPHABET_SAFE = /^[A-Za-z0-9 \r\n!"#%&'()*+,\-./:;<=>?]*$/;

export interface EncodedSms {
  dataCoding: number;
  /** The whole text encoded, for message_payload. */
  payload: Buffer;
  /** One short_message per submit_sm; with more than one, each starts with its UDH. */
  parts: Buffer[];
  udh: boolean;
}

function ucs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** Splits into chunks of at most `max` UTF-16 code units without separating a surrogate pair. */
function chunkUtf16(text: string, max: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + max, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

export function encodeSms(input: string, reference: number): EncodedSms {
  const text = input.normalize('NFC');
  const plain = DEFAULT_ALPHABET_SAFE.test(text);
  const encode = plain ? (s: string) => Buffer.from(s, 'latin1') : ucs2;
  const [single, perPart] = plain ? [160, 153] : [70, 67];
  const payload = encode(text);
  const dataCoding = plain ? DATA_CODING_DEFAULT : DATA_CODING_UCS2;
  if (text.length <= single) return { dataCoding, payload, parts: [payload], udh: false };
  const chunks = chunkUtf16(text, perPart);
  if (chunks.length > 255) throw new RangeError(`SMS too long: ${chunks.length} parts`);
  const ref = reference & 0xff;
  const parts = chunks.map((chunk, i) =>
    Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref, chunks.length, i + 1]), encode(chunk)]),
  );
  return { dataCoding, payload, parts, udh: true };
}

/** The reverse, for tests and diagnostics: the text of one part's user data. */
export function decodeSmsText(userData: Buffer, dataCoding: number, udh: boolean): string {
  const body = udh ? userData.subarray(userData[0]! + 1) : userData;
  if (dataCoding === DATA_CODING_UCS2) return Buffer.from(body).swap16().toString('utf16le');
  return body.toString('latin1');
}
