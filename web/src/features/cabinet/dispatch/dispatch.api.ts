import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../../api/client.js';
import type { DocumentDetail } from '../../exchange/exchange.api.js';

/*
 * Sending an issued conclusion notice or a closed ballot's result report through the exchange axis
 * (src/modules/exchange/dispatch.routes.ts): what would be sent, and the sending itself.
 */

export type DispatchKind = 'conclusion' | 'ballot';

export interface DispatchPreview {
  kind: DispatchKind;
  id: string;
  title: string;
  reference: string | null;
  state: string;
  /** Issued (a notice) or closed with its result report (a ballot). */
  final: boolean;
  /** The header taken from the object; null until final, or when the reference is not "number/notation". */
  header: {
    codeNumber: string;
    codeNotation: string;
    typeName: string;
    subject: string;
    /** YYYY-MM-DD */
    promulgationDate: string;
    signerName: string | null;
    signerPosition: string | null;
  } | null;
  /** The node's agencies the caller acts for that may send it. */
  agencies: { code: string; name: string }[];
  /** The outgoing documents it already became. */
  dispatches: {
    id: string;
    documentId: string;
    agencyCode: string;
    state: string;
    createdAt: string;
    recipients: string[];
  }[];
}

export interface DispatchInput {
  from: string;
  recipients: string[];
  signerName?: string;
  signerPosition?: string;
  priority?: number;
}

export interface DispatchResult {
  /** false: it had already gone to these recipients as this document. */
  created: boolean;
  document: DocumentDetail;
}

const path = (kind: DispatchKind, id: string) =>
  `/api/exchange/dispatch/${kind === 'conclusion' ? 'conclusions' : 'ballots'}/${encodeURIComponent(id)}`;
const previewKey = (kind: DispatchKind, id: string) => ['exchange', 'dispatch', kind, id] as const;

export function useDispatchPreview(kind: DispatchKind, id: string, enabled: boolean) {
  return useQuery({
    queryKey: previewKey(kind, id),
    queryFn: ({ signal }) => api.get<DispatchPreview>(path(kind, id), {}, signal),
    enabled,
  });
}

export function useDispatch(kind: DispatchKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation<DispatchResult, ApiError, DispatchInput>({
    mutationFn: (input) => api.post<DispatchResult>(path(kind, id), input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: previewKey(kind, id) });
      void queryClient.invalidateQueries({ queryKey: ['exchange', 'documents'] });
    },
  });
}
