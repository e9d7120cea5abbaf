/**
 * The system seal's PKCS#11 token (an HSM, a USB token, or SoftHSM2 in tests), through graphene-pk11.
 *
 * One session per (module, token) in a process, logged in once and shared by everyone who opens the token:
 * PKCS#11 login state belongs to the application, not to a session, so a second login or a logout by one user
 * would disturb the others. The session is closed (logout) when the last user closes, and the library is
 * finalised when no token of it is open any more. graphene calls are synchronous and never interleave, so
 * concurrent sign calls cannot mix their C_SignInit/C_Sign pairs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import * as graphene from 'graphene-pk11';

export type Pkcs11ErrorReason = 'module' | 'token' | 'pin' | 'noKey' | 'keyExists' | 'unsupportedKey';

/** A refusal from the token; the CLI and the seal turn `reason` into a bilingual message. */
export class Pkcs11Error extends Error {
  constructor(
    readonly reason: Pkcs11ErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'Pkcs11Error';
  }
}

export interface TokenOptions {
  /** Path to the PKCS#11 library (.so). */
  module: string;
  tokenLabel: string;
  pin: string;
}

/** A private key on the token that signs, and what the public half is. */
export interface TokenKey {
  label: string;
  keyType: 'EC' | 'RSA';
  /** SubjectPublicKeyInfo (DER) of the key pair's public key. */
  publicKey: Buffer;
  extractable: boolean;
  sensitive: boolean;
  /** SHA-256 over `data` and sign: ECDSA → DER Ecdsa-Sig-Value; RSA → PKCS#1 v1.5 (CKM_SHA256_RSA_PKCS). */
  sign(data: Buffer): Buffer;
}

export interface Token {
  readonly module: string;
  readonly label: string;
  /** The key labelled `label`; Pkcs11Error 'noKey' when there is none. */
  key(label: string): TokenKey;
  /** A new ECDSA P-256 key pair on the token: private key sensitive, never extractable, signs only. */
  generateKey(label: string): TokenKey;
  /** A new session and login for every user of this token, after a recoverable error (isRecoverable). */
  reconnect(): void;
  close(): void;
}

interface LoadedModule {
  module: graphene.Module;
  users: number;
}

interface OpenToken {
  session: graphene.Session;
  users: number;
  modulePath: string;
}

const modules = new Map<string, LoadedModule>();
const tokens = new Map<string, OpenToken>();

/** prime256v1 as CKA_EC_PARAMS (the curve's OID, DER). */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

function loadModule(path: string): graphene.Module {
  const loaded = modules.get(path);
  if (loaded) {
    loaded.users += 1;
    return loaded.module;
  }
  if (!fs.existsSync(path)) throw new Pkcs11Error('module', `PKCS#11 module not found: ${path}`);
  let module: graphene.Module;
  try {
    module = graphene.Module.load(path, 'cpdt');
    module.initialize();
  } catch (cause) {
    throw new Pkcs11Error('module', `Cannot load the PKCS#11 module ${path}`, { cause });
  }
  modules.set(path, { module, users: 1 });
  return module;
}

function releaseModule(path: string): void {
  const loaded = modules.get(path);
  if (!loaded) return;
  loaded.users -= 1;
  if (loaded.users > 0) return;
  modules.delete(path);
  try {
    loaded.module.finalize();
  } catch {
    // Already finalised, or the library is gone: nothing left to release.
  }
}

function findSlot(module: graphene.Module, label: string): graphene.Slot | null {
  const slots = module.getSlots(true);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots.items(i);
    if (slot.getToken().label.trim() === label) return slot;
  }
  return null;
}

function pkcs11Code(e: unknown): string {
  return e instanceof Error ? e.message.split(':')[0]!.trim() : String(e);
}

/** A logged-in read/write session on the token labelled `o.tokenLabel`. */
function loginSession(module: graphene.Module, o: TokenOptions): graphene.Session {
  const slot = findSlot(module, o.tokenLabel);
  if (!slot) throw new Pkcs11Error('token', `No PKCS#11 token labelled "${o.tokenLabel}"`);
  const session = slot.open(graphene.SessionFlag.SERIAL_SESSION | graphene.SessionFlag.RW_SESSION);
  try {
    session.login(o.pin, graphene.UserType.USER);
  } catch (cause) {
    // Already logged in by another session of this process: the login is shared, which is what we want.
    if (pkcs11Code(cause) === 'CKR_USER_ALREADY_LOGGED_IN') return session;
    session.close();
    throw new Pkcs11Error('pin', `The PIN does not open the token "${o.tokenLabel}"`, { cause });
  }
  return session;
}

function openSession(o: TokenOptions): OpenToken {
  const id = `${o.module}\0${o.tokenLabel}`;
  const open = tokens.get(id);
  if (open) {
    open.users += 1;
    return open;
  }
  const module = loadModule(o.module);
  try {
    const token: OpenToken = { session: loginSession(module, o), users: 1, modulePath: o.module };
    tokens.set(id, token);
    return token;
  } catch (e) {
    releaseModule(o.module);
    throw e;
  }
}

/** Errors after which a new session (and login) may succeed: the HSM restarted, the session was dropped. */
const RECOVERABLE = new Set([
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_USER_NOT_LOGGED_IN',
  'CKR_OBJECT_HANDLE_INVALID',
  'CKR_KEY_HANDLE_INVALID',
  'CKR_DEVICE_REMOVED',
  'CKR_DEVICE_ERROR',
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_CRYPTOKI_NOT_INITIALIZED',
]);

export function isRecoverable(e: unknown): boolean {
  return RECOVERABLE.has(pkcs11Code(e));
}

function closeSession(id: string): void {
  const open = tokens.get(id);
  if (!open) return;
  open.users -= 1;
  if (open.users > 0) return;
  tokens.delete(id);
  try {
    open.session.logout();
  } catch {
    // Not logged in (e.g. the token was removed): closing is enough.
  }
  try {
    open.session.close();
  } catch {
    // The session is gone already.
  }
  releaseModule(open.modulePath);
}

/** Raw r‖s (what CKM_ECDSA returns) → DER Ecdsa-Sig-Value { r INTEGER, s INTEGER }. */
export function rawEcdsaToDer(raw: Buffer): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new Error('Not an ECDSA r‖s signature');
  const integer = (bytes: Buffer): Buffer => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let v = bytes.subarray(i);
    if (v[0]! & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return Buffer.concat([Buffer.from([0x02, v.length]), v]);
  };
  const half = raw.length / 2;
  const body = Buffer.concat([integer(raw.subarray(0, half)), integer(raw.subarray(half))]);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return Buffer.concat([Buffer.from([0x30]), length, body]);
}

/** The SPKI of the public key object paired with `label`, or of an EC/RSA private key's own attributes. */
function publicKeyOf(session: graphene.Session, label: string, keyType: 'EC' | 'RSA'): Buffer {
  const found = session.find({ class: graphene.ObjectClass.PUBLIC_KEY, label });
  if (found.length === 0) throw new Pkcs11Error('noKey', `The public key "${label}" is not on the token`);
  const key = found.items(0).toType<graphene.PublicKey>();
  if (keyType === 'EC') {
    // CKA_EC_PARAMS and CKA_ECDSA_PARAMS are one attribute; graphene names it back as either.
    const attributes = key.getAttribute({ paramsEC: null, pointEC: null }) as {
      paramsEC?: Buffer;
      paramsECDSA?: Buffer;
      pointEC: Buffer;
    };
    const paramsEC = attributes.paramsEC ?? attributes.paramsECDSA ?? Buffer.alloc(0);
    const pointEC = attributes.pointEC;
    if (!paramsEC.equals(P256_PARAMS))
      throw new Pkcs11Error('unsupportedKey', `The key "${label}" is not on curve P-256`);
    // CKA_EC_POINT is DER OCTET STRING { 04 ‖ X ‖ Y } (some tokens give the bare point).
    const point = pointEC[0] === 0x04 && pointEC.length === 67 ? pointEC.subarray(2) : pointEC;
    if (point.length !== 65 || point[0] !== 0x04)
      throw new Pkcs11Error('unsupportedKey', `Unexpected EC point on the key "${label}"`);
    return Buffer.concat([P256_SPKI_PREFIX, point]);
  }
  const { modulus, publicExponent } = key.getAttribute({ modulus: null, publicExponent: null }) as {
    modulus: Buffer;
    publicExponent: Buffer;
  };
  return crypto
    .createPublicKey({
      key: { kty: 'RSA', n: modulus.toString('base64url'), e: publicExponent.toString('base64url') },
      format: 'jwk',
    })
    .export({ type: 'spki', format: 'der' });
}

function tokenKey(session: graphene.Session, label: string): TokenKey {
  const found = session.find({ class: graphene.ObjectClass.PRIVATE_KEY, label });
  if (found.length === 0) throw new Pkcs11Error('noKey', `No private key "${label}" on the token`);
  if (found.length > 1)
    throw new Pkcs11Error('keyExists', `Several private keys are labelled "${label}" on the token`);
  const key = found.items(0).toType<graphene.PrivateKey>();
  const attributes = key.getAttribute({ keyType: null, extractable: null, sensitive: null }) as {
    keyType: number;
    extractable: boolean;
    sensitive: boolean;
  };
  const keyType =
    attributes.keyType === (graphene.KeyType.EC as number)
      ? 'EC'
      : attributes.keyType === (graphene.KeyType.RSA as number)
        ? 'RSA'
        : null;
  if (!keyType) throw new Pkcs11Error('unsupportedKey', `The key "${label}" is neither EC nor RSA`);
  const publicKey = publicKeyOf(session, label, keyType);
  return {
    label,
    keyType,
    publicKey,
    extractable: attributes.extractable,
    sensitive: attributes.sensitive,
    sign(data) {
      if (keyType === 'EC') {
        const digest = crypto.createHash('sha256').update(data).digest();
        return rawEcdsaToDer(session.createSign('ECDSA', key).once(digest));
      }
      return session.createSign('SHA256_RSA_PKCS', key).once(data);
    },
  };
}

/**
 * Opens the token labelled `tokenLabel` in `module` and logs in with `pin`. Pkcs11Error: 'module' (the
 * library cannot be loaded), 'token' (no such token), 'pin' (login refused).
 */
export function openToken(o: TokenOptions): Token {
  const id = `${o.module}\0${o.tokenLabel}`;
  const open = openSession(o);
  let closed = false;
  const session = () => {
    if (closed) throw new Error('The token was closed');
    return open.session;
  };
  return {
    module: o.module,
    label: o.tokenLabel,
    key: (label) => tokenKey(session(), label),
    generateKey(label) {
      const s = session();
      if (s.find({ label }).length > 0)
        throw new Pkcs11Error('keyExists', `A key labelled "${label}" is already on the token`);
      const id = crypto.randomBytes(16);
      s.generateKeyPair(
        graphene.KeyGenMechanism.EC,
        {
          keyType: graphene.KeyType.EC,
          token: true,
          private: false,
          verify: true,
          label,
          id,
          paramsEC: P256_PARAMS,
        },
        {
          keyType: graphene.KeyType.EC,
          token: true,
          private: true,
          sensitive: true,
          extractable: false,
          sign: true,
          derive: false,
          label,
          id,
        },
      );
      return tokenKey(s, label);
    },
    reconnect() {
      if (closed) throw new Error('The token was closed');
      const loaded = modules.get(o.module);
      if (!loaded) throw new Error('The PKCS#11 module was unloaded');
      try {
        open.session.close();
      } catch {
        // Already gone: that is why we reconnect.
      }
      try {
        loaded.module.initialize(); // no-op unless the library lost its state
      } catch {
        // Initialised already.
      }
      open.session = loginSession(loaded.module, o);
    },
    close() {
      if (closed) return;
      closed = true;
      closeSession(id);
    },
  };
}
