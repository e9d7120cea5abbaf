/**
 * This device's signing key: an ECDSA P-256 key pair made by WebCrypto with `extractable: false`, kept as
 * CryptoKey objects in IndexedDB (the browser stores the key material; no script, CPĐT's included, can read
 * the private key out), one per person signed in on the device.
 */

const DB_NAME = 'cpdt-signing';
const STORE = 'device-keys';
const ALGORITHM: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

export interface DeviceKey {
  personId: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The certificate the deployment's CA issued for this key (null until enrolment finishes). */
  certificateId: string | null;
  createdAt: string;
}

export function deviceKeysSupported(): boolean {
  return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && Boolean(crypto.subtle);
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE))
        request.result.createObjectStore(STORE, { keyPath: 'personId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB'));
    });
  } finally {
    db.close();
  }
}

/** The device key of `personId`, if this browser has one. */
export async function loadDeviceKey(personId: string): Promise<DeviceKey | null> {
  if (!deviceKeysSupported()) return null;
  const found = await withStore<DeviceKey | undefined>('readonly', (s) => s.get(personId));
  return found ?? null;
}

export async function saveDeviceKey(key: DeviceKey): Promise<void> {
  await withStore('readwrite', (s) => s.put(key));
}

export async function deleteDeviceKey(personId: string): Promise<void> {
  await withStore('readwrite', (s) => s.delete(personId));
}

/** A fresh non-extractable key pair for `personId` (not stored yet: enrolment stores it with its certificate). */
export async function generateDeviceKey(personId: string): Promise<DeviceKey> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  return {
    personId,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    certificateId: null,
    createdAt: new Date().toISOString(),
  };
}

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text = '';
  for (let i = 0; i < view.length; i += 0x8000) text += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(text);
}

export function fromBase64(value: string): Uint8Array<ArrayBuffer> {
  const text = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The public key as SubjectPublicKeyInfo, base64 (a public key is always exportable). */
export async function publicKeySpki(key: DeviceKey): Promise<string> {
  return toBase64(await crypto.subtle.exportKey('spki', key.publicKey));
}

/** ECDSA with SHA-256 over `data`; base64 of the IEEE P1363 signature (r‖s) WebCrypto returns. */
export async function signWithDeviceKey(key: DeviceKey, data: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64(await crypto.subtle.sign(SIGN, key.privateKey, data));
}

/** SHA-256 of bytes or UTF-8 text, lower-case hexadecimal. */
export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** "9f86 d081 8840 …": a hash as people compare it. */
export function groupedHex(hex: string, size = 4): string {
  return (hex.toLowerCase().match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(' ');
}
