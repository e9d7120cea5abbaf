import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../api/client.js';
import { useSession } from '../identity/session.js';
import {
  agentCertificates,
  agentEnabled,
  agentInfo,
  agentSign,
  AgentError,
  type AgentCertificate,
  type AgentInfo,
} from './agent.js';
import {
  deviceKeysSupported,
  fromBase64,
  generateDeviceKey,
  loadDeviceKey,
  publicKeySpki,
  saveDeviceKey,
  sha256Hex,
  signWithDeviceKey,
  type DeviceKey,
} from './deviceKey.js';

/** A certificate the person may sign with now (GET /api/identity/me/signing-keys). */
export interface SigningCertificate {
  id: string;
  label: string | null;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  fingerprint: string;
  source: 'upload' | 'ca';
  certificate: string;
}

export interface AgentState {
  info: AgentInfo;
  /** The token's certificates, each with its SHA-256 and the CPĐT certificate it is, if registered. */
  certificates: (AgentCertificate & { fingerprint: string; registeredId: string | null })[];
}

/** What to sign, as a module's prepare endpoint returned it, and what to show. */
export interface SignRequest {
  certificateId: string;
  toBeSigned: string;
  payloadSha256: string;
  summary: string[];
}

export interface SignResult {
  signature: string;
  certificateId: string;
}

export type SignMethod = 'device' | 'agent';

export const SIGNING_KEYS_KEY = ['signing', 'keys'] as const;
const DEVICE_KEY = ['signing', 'device'] as const;
const AGENT_KEY = ['signing', 'agent'] as const;

export function useSigningKeys(enabled = true) {
  return useQuery({
    queryKey: SIGNING_KEYS_KEY,
    queryFn: async () =>
      (await api.get<{ items: SigningCertificate[] }>('/api/identity/me/signing-keys')).items,
    enabled,
  });
}

export function useDeviceKey(personId: string | undefined) {
  return useQuery({
    queryKey: [...DEVICE_KEY, personId ?? ''],
    queryFn: () => (personId ? loadDeviceKey(personId) : Promise.resolve(null)),
    enabled: Boolean(personId),
    staleTime: Infinity,
  });
}

/** Is the local signing agent there, and which of its certificates are registered on the person. */
export function useAgent(keys: SigningCertificate[] | undefined, enabled = true) {
  return useQuery<AgentState | null, AgentError>({
    queryKey: [...AGENT_KEY, keys?.map((k) => k.id).join(',') ?? ''],
    queryFn: async () => {
      let info: AgentInfo;
      try {
        info = await agentInfo();
      } catch (e) {
        if (e instanceof AgentError && e.code === 'unreachable') return null;
        throw e;
      }
      const listed = await agentCertificates();
      const byFingerprint = new Map((keys ?? []).map((k) => [k.fingerprint, k.id]));
      const certificates = await Promise.all(
        listed.map(async (c) => {
          const fingerprint = await sha256Hex(fromBase64(c.certificate));
          return { ...c, fingerprint, registeredId: byFingerprint.get(fingerprint) ?? null };
        }),
      );
      return { info, certificates };
    },
    enabled: enabled && keys !== undefined,
    retry: false,
    staleTime: 30_000,
  });
}

/** The RSA or EC algorithm of a certificate, read from its SubjectPublicKeyInfo OID in the DER. */
function agentAlgorithm(certificateBase64: string): 'ECDSA-SHA256' | 'RSA-SHA256' {
  const der = fromBase64(certificateBase64);
  // rsaEncryption 1.2.840.113549.1.1.1 encoded: 2a 86 48 86 f7 0d 01 01 01
  const rsa = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
  outer: for (let i = 0; i + rsa.length <= der.length; i++) {
    for (let j = 0; j < rsa.length; j++) if (der[i + j] !== rsa[j]) continue outer;
    return 'RSA-SHA256';
  }
  return 'ECDSA-SHA256';
}

/**
 * How this person signs on this device: with the device key (WebCrypto, non-extractable) or through the local
 * signing agent (USB token). `certificateId` is the certificate to ask a module's prepare endpoint for;
 * `sign` signs what it returned.
 */
export function useSigner(options: { probeAgent?: boolean } = {}) {
  const session = useSession();
  const personId = session.data?.person.id;
  const keys = useSigningKeys(Boolean(personId));
  const device = useDeviceKey(personId);
  const agent = useAgent(keys.data, Boolean(personId) && (options.probeAgent ?? agentEnabled()));
  const active = new Set((keys.data ?? []).map((k) => k.id));
  const deviceKey = device.data ?? null;
  const deviceCertificateId =
    deviceKey?.certificateId && active.has(deviceKey.certificateId) ? deviceKey.certificateId : null;
  const agentCertificate = agent.data?.certificates.find((c) => c.registeredId !== null) ?? null;
  const certificateId = deviceCertificateId ?? agentCertificate?.registeredId ?? null;

  const methodFor = (id: string): SignMethod | null => {
    if (deviceCertificateId === id) return 'device';
    if (agent.data?.certificates.some((c) => c.registeredId === id)) return 'agent';
    return null;
  };

  async function sign(request: SignRequest): Promise<SignResult> {
    const data = fromBase64(request.toBeSigned);
    // What is signed must carry the hash the person was shown (the CMS messageDigest attribute).
    const hex = Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('');
    if (!hex.includes(request.payloadSha256.toLowerCase()))
      throw new AgentError('data_mismatch', 'toBeSigned');
    const method = methodFor(request.certificateId);
    if (method === 'device' && deviceKey)
      return { signature: await signWithDeviceKey(deviceKey, data), certificateId: request.certificateId };
    const onToken = agent.data?.certificates.find((c) => c.registeredId === request.certificateId);
    if (method === 'agent' && onToken) {
      const signature = await agentSign({
        certificateId: onToken.id,
        data: request.toBeSigned,
        algorithm: agentAlgorithm(onToken.certificate),
        summary: request.summary,
        payloadSha256: request.payloadSha256,
        origin: window.location.origin,
      });
      return { signature, certificateId: request.certificateId };
    }
    throw new AgentError('no_key', request.certificateId);
  }

  return {
    personId,
    ready: certificateId !== null,
    loading: session.isPending || keys.isPending || (Boolean(personId) && device.isPending),
    certificateId,
    keys,
    device,
    deviceKey,
    deviceCertificateId,
    agent,
    methodFor,
    sign,
  };
}

/** Creates this device's key, proves it to the server and stores it with the certificate issued for it. */
export function useEnrolDeviceKey() {
  const queryClient = useQueryClient();
  return useMutation<SigningCertificate, ApiError | Error, { personId: string; label: string }>({
    mutationFn: async ({ personId, label }) => {
      if (!deviceKeysSupported()) throw new Error('WebCrypto/IndexedDB unavailable');
      const key: DeviceKey = await generateDeviceKey(personId);
      const { challengeId, challenge } = await api.post<{ challengeId: string; challenge: string }>(
        '/api/identity/me/signing-keys/challenge',
      );
      const proof = await signWithDeviceKey(key, fromBase64(challenge));
      const created = await api.post<SigningCertificate>('/api/identity/me/signing-keys', {
        challengeId,
        publicKey: await publicKeySpki(key),
        proof,
        label: label.trim() || null,
      });
      await saveDeviceKey({ ...key, certificateId: created.id });
      return created;
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: DEVICE_KEY }),
        queryClient.invalidateQueries({ queryKey: SIGNING_KEYS_KEY }),
        queryClient.invalidateQueries({ queryKey: ['me', 'certificates'] }),
      ]),
  });
}

/** Probes the agent again (after its address changed, or a token was plugged in). */
export function useRefreshAgent() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: AGENT_KEY });
}
