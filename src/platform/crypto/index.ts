export { canonicalJson } from './canonical-json.js';
export { sha256Hex, digestOf } from './digest.js';
export { SecretBox, loadSecretBox } from './secret-box.js';
