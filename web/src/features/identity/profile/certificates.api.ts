import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, type ApiError } from '../../../api/client.js';

/** A signing certificate as src/modules/identity/certificates.routes.ts answers it. */
export const CERTIFICATE_STATUSES = ['valid', 'expired', 'not_yet_valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export interface Certificate {
  id: string;
  label: string | null;
  subject: string;
  subjectCommonName: string | null;
  issuer: string;
  issuerCommonName: string | null;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  status: CertificateStatus;
  fingerprint: string;
  keyUsage: string[];
  publicKeyAlgorithm: string;
  source: 'upload' | 'ca';
  issuedByDeploymentCa: boolean;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewCertificate {
  pem: string;
  label?: string;
}

const KEY = ['me', 'certificates'] as const;

export function useMyCertificates() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) =>
      api.get<{ items: Certificate[] }>('/api/me/certificates', undefined, signal).then((r) => r.items),
  });
}

export function useRegisterCertificate() {
  const queryClient = useQueryClient();
  return useMutation<Certificate, ApiError, NewCertificate>({
    mutationFn: (body) => api.post<Certificate>('/api/me/certificates', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeCertificate() {
  const queryClient = useQueryClient();
  return useMutation<Certificate, ApiError, string>({
    mutationFn: (id) =>
      apiRequest<Certificate>(`/api/me/certificates/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** A certificate file as text for the API: PEM as it is, DER (binary .cer/.crt) as base64. */
export async function certificateFileText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] !== 0x30) return new TextDecoder().decode(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** "5C3E6194…0D80492F": enough to recognise a fingerprint; the copy button gives it whole. */
export function shortFingerprint(hex: string): string {
  const upper = hex.toUpperCase();
  return upper.length > 20 ? `${upper.slice(0, 8)}…${upper.slice(-8)}` : upper;
}

/** AB:CD:… as certificate viewers print it. */
export function colonFingerprint(hex: string): string {
  return hex.toUpperCase().replace(/(..)(?=.)/g, '$1:');
}

/** An administrator's read-only view of a person's certificates (agency-scoped on the server). */
export function usePersonCertificates(personId: string) {
  return useQuery({
    queryKey: ['people', personId, 'certificates'],
    queryFn: ({ signal }) =>
      api
        .get<{ items: Certificate[] }>(`/api/admin/people/${personId}/certificates`, undefined, signal)
        .then((r) => r.items),
  });
}
