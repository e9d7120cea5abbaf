import fs from 'node:fs';
import path from 'node:path';
import { EDXML_NS } from './model.js';
import { EDXML_SAMPLES } from '../../../../test/support/shared-data.js';

export const SAMPLE_DIR = EDXML_SAMPLES;

/** The well-formed samples (edoc.edxml is not XML: see repairedEdocSample). */
export const WELL_FORMED_SAMPLES = fs
  .readdirSync(SAMPLE_DIR)
  .filter((f) => f.endsWith('.edxml') && f !== 'edoc.edxml')
  .sort();

export const readSample = (name: string): Buffer => fs.readFileSync(path.join(SAMPLE_DIR, name));

/**
 * edoc.edxml (a JMeter template from the SDK) is not well-formed: a doubled `<edXML:From>` start tag, the
 * `edXML:` prefix used on AttachmentEncoded outside the element that declares it, and an undeclared `xlink:`
 * prefix. These three repairs make it XML; its content `${__StringFromFile(test.txt,,,)}` stays (not base64).
 */
export function repairedEdocSample(): Buffer {
  const x = readSample('edoc.edxml')
    .toString('utf8')
    .replace(`<edXML xmlns="${EDXML_NS}">`, `<edXML xmlns="${EDXML_NS}" xmlns:edXML="${EDXML_NS}">`)
    .replace(/<edXML:From>\s*<edXML:From>/, '<edXML:From>')
    .replace(
      '<edXML:Reference xlink:href="">',
      '<edXML:Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="">',
    );
  return Buffer.from(x);
}
