export { canonicalJson } from './canonical-json.js';
export { sha256Hex, digestOf } from './digest.js';
