import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type ErrorBody } from '../../api/client.js';

/*
 * The exchange module's HTTP contract (node documents and hub administration), typed once here; the pages
 * read nothing else. Lists are `{ items, total }`; every step on a document answers with its new detail.
 */

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The states each direction can be in, in the order a document moves through them (filter choices). */
export const INBOUND_STATES = [
  'arrived',
  'registered',
  'assigned',
  'processing',
  'completed',
  'rejected',
  'revoked',
] as const;
export const OUTBOUND_STATES = ['sending', 'sent', 'failed', 'revoked'] as const;
export type DocumentState = (typeof INBOUND_STATES)[number] | (typeof OUTBOUND_STATES)[number];

export const STATES_BY_DIRECTION: Record<Direction, readonly DocumentState[]> = {
  inbound: INBOUND_STATES,
  outbound: OUTBOUND_STATES,
};

/** edXML business document type: 0 new, 1 revocation, 2 update, 3 replacement. */
export type BusinessDocType = '0' | '1' | '2' | '3';

/** Độ khẩn: 0 Thường … 4 Hỏa tốc hẹn giờ. */
export const PRIORITIES = [0, 1, 2, 3, 4] as const;
export type Priority = (typeof PRIORITIES)[number];

/** edXML status codes this platform sends and shows (the others fall back to their bare code). */
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type KnownStatusCode = (typeof STATUS_CODES)[number];

export interface RecipientStatus {
  code: string;
  name: string | null;
  statusCode: string | null;
  statusAt: string | null;
}

export interface DocumentSummary {
  id: string;
  direction: Direction;
  agencyCode: string;
  documentId: string;
  fromCode: string;
  fromName: string | null;
  businessDocType: BusinessDocType;
  codeNumber: string | null;
  codeNotation: string | null;
  subject: string;
  typeName: string | null;
  /** YYYY-MM-DD */
  promulgationDate: string | null;
  priority: number;
  /** YYYY-MM-DD */
  dueDate: string | null;
  state: DocumentState;
  incomingNumber: number | null;
  createdAt: string;
  updatedAt: string;
  /** Outbound only ([] for inbound). */
  recipients: RecipientStatus[];
}

export type VerificationOutcome = 'valid' | 'absent' | 'invalid' | 'untrusted';

export interface Verification {
  envelope: VerificationOutcome;
  envelopeSigner: string | null;
  files: { name: string; signed: boolean; valid: boolean; signer: string | null; reason: string | null }[];
}

export interface Attachment {
  position: number;
  name: string;
  size: number;
  mediaType: string;
}

export interface TimelineEntry {
  agencyCode: string;
  statusCode: string;
  description: string | null;
  staff: string | null;
  at: string;
  /** The status is about this office's recall request, not the document itself. */
  recall: boolean;
}

export const DOCUMENT_ACTIONS = [
  'register',
  'assign',
  'process',
  'complete',
  'reject',
  'agree',
  'refuse',
  'recall',
] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

export interface DocumentDetail extends DocumentSummary {
  /** The name of the office (node agency) whose register holds the document. */
  agencyName: string | null;
  signerName: string | null;
  signerPosition: string | null;
  department: string | null;
  assignee: { id: string; displayName: string } | null;
  targetDocumentId: string | null;
  /** The sender's reason for a revocation, update or replacement. */
  changeReason: string | null;
  verification: Verification | null;
  attachments: Attachment[];
  /** Oldest first; for an outbound document every recipient's statuses. */
  timeline: TimelineEntry[];
  /** What this caller may do now. */
  actions: DocumentAction[];
  /** Why the hub refused the envelope (state `failed`): its code and message. */
  sendError: string | null;
}

/** Someone of the office a document can be assigned to (GET /api/exchange/assignees). */
export interface Assignee {
  id: string;
  displayName: string;
  /** Their post in the office, e.g. "Chuyên viên Vụ Ngân sách nhà nước". */
  position: string | null;
  agencyCode: string;
  agencyName: string;
}

export interface DocumentList {
  items: DocumentSummary[];
  total: number;
}

export interface NodeAgency {
  code: string;
  name: string;
}

export interface DocumentFilter {
  direction: Direction;
  state: DocumentState | null;
  agency: string | null;
  q: string;
  page: number;
}

export const DOCUMENT_PAGE_SIZE = 50;

/** What the clerk fills in to send a document (the signed PDF travels beside it). */
export interface NewDocument {
  fromCode: string;
  codeNumber: string;
  codeNotation: string;
  typeName: string;
  subject: string;
  content?: string;
  signerName: string;
  signerPosition: string;
  signerCompetence?: string;
  promulgationPlace: string;
  promulgationDate: string;
  priority: number;
  dueDate?: string;
  recipients: string[];
}

/** The body each step takes; the server sends the matching edXML status back to the sender. */
export type StepInput =
  | { action: 'register' }
  | { action: 'assign'; department?: string; assigneeId?: string; note?: string }
  | { action: 'process'; note?: string }
  | { action: 'complete'; note?: string }
  | { action: 'reject'; reason: string }
  | { action: 'agree' }
  | { action: 'refuse'; reason: string }
  | { action: 'recall'; reason: string };

export interface AgencyStats {
  agencyCode: string;
  name: string;
  level: string | null;
  inbound: number;
  outbound: number;
  completed: number;
  onTime: number;
}

// Hub administration

export interface HubSystem {
  id: string;
  name: string;
  agencyCodes: string[];
  active: boolean;
  maxEnvelopeBytes: number;
  sendsPerMinute: number;
  pushUrl: string | null;
  /** The machine OIDC client that may act as the system with a client credentials token. */
  oidcClientId: string | null;
  createdAt: string;
}

export interface NewHubSystem {
  id: string;
  name: string;
  agencyCodes: string[];
  maxEnvelopeBytes?: number;
  sendsPerMinute?: number;
  pushUrl?: string;
  oidcClientId?: string;
}

export interface IssuedSystem {
  system: HubSystem;
  /** Shown once: the hub keeps only a sealed copy. */
  secret: string;
}

export const DELIVERY_STATES = ['queued', 'done', 'failed', 'unroutable'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface Delivery {
  seq: number;
  addressedCode: string;
  agencyCode: string;
  systemId: string | null;
  state: DeliveryState;
  fetches: number;
  lastError: string | null;
  createdAt: string;
  fetchedAt: string | null;
  settledAt: string | null;
}

export interface HubMessage {
  id: string;
  kind: 'edoc' | 'status';
  senderSystem: string;
  fromCode: string;
  documentId: string;
  businessCode: string;
  subject: string | null;
  notation: string | null;
  size: number;
  signature: string;
  receivedAt: string;
  deliveries: Delivery[];
}

/** What a hop adds to its event, as data (hub.service.ts words none of it). */
export type HopDetail =
  | { size: number; signature: string; warnings: number }
  | { system: string; addressedCode?: string }
  | { successors: string[] }
  | { reason: string };

export interface HubHop {
  at: string;
  actor: string;
  event: string;
  agencyCode: string | null;
  detail: HopDetail | null;
}

export interface HubMessageDetail extends HubMessage {
  hops: HubHop[];
}

export interface TrafficList {
  items: HubMessage[];
  total: number;
  counts: Record<DeliveryState, number>;
}

export interface TrafficFilter {
  state: DeliveryState | null;
  system: string;
  q: string;
  page: number;
}

export const TRAFFIC_PAGE_SIZE = 50;

const BASE = '/api/exchange';
const documentPath = (id: string) => `${BASE}/documents/${encodeURIComponent(id)}`;
export const attachmentUrl = (id: string, position: number) => `${documentPath(id)}/attachments/${position}`;

const KEY = ['exchange'] as const;
const DOCUMENTS_KEY = [...KEY, 'documents'] as const;
const HUB_KEY = [...KEY, 'hub'] as const;

/** How often an open list, and a sent document awaiting its recipients' statuses, are read again. */
const LIST_REFRESH_MS = 30_000;
const SENT_REFRESH_MS = 10_000;

export function useNodeAgencies() {
  return useQuery({
    queryKey: [...KEY, 'agencies'],
    queryFn: ({ signal }) => api.get<{ items: NodeAgency[] }>(`${BASE}/agencies`, {}, signal),
    staleTime: 5 * 60_000,
  });
}

export function useDocuments(filter: DocumentFilter) {
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'list', filter],
    queryFn: ({ signal }) =>
      api.get<DocumentList>(
        `${BASE}/documents`,
        {
          direction: filter.direction,
          state: filter.state,
          agency: filter.agency,
          q: filter.q.trim(),
          limit: DOCUMENT_PAGE_SIZE,
          offset: (filter.page - 1) * DOCUMENT_PAGE_SIZE,
        },
        signal,
      ),
    // Keep the rows (and the focused search box) while the next page or filter loads.
    placeholderData: keepPreviousData,
    // Documents arrive from the hub at any time.
    refetchInterval: LIST_REFRESH_MS,
  });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<DocumentDetail>(documentPath(id), {}, signal),
    // The recipients answer through the hub whenever they act: an open outgoing document follows them.
    refetchInterval: (query) =>
      query.state.data?.direction === 'outbound' && query.state.data.state !== 'revoked'
        ? SENT_REFRESH_MS
        : false,
  });
}

/** The office's people matching `q` (name or post, diacritics ignored), for assigning a document. */
export function useAssignees(agency: string, q: string) {
  return useQuery({
    queryKey: [...KEY, 'assignees', agency, q.trim()],
    queryFn: ({ signal }) =>
      api.get<{ items: Assignee[] }>(`${BASE}/assignees`, { agency, q: q.trim(), limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** One step on a document; the answer replaces the detail on screen and the lists are read again. */
export function useDocumentStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation<DocumentDetail, ApiError, StepInput>({
    mutationFn: ({ action, ...body }) => api.post<DocumentDetail>(`${documentPath(id)}/${action}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData([...DOCUMENTS_KEY, 'one', id], detail);
      void queryClient.invalidateQueries({ queryKey: [...DOCUMENTS_KEY, 'list'] });
    },
  });
}

/** A POST of multipart/form-data (the shared client speaks JSON only); failures become ApiErrors too. */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      body: form,
    });
  } catch (cause) {
    throw new ApiError(0, null, { cause });
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as Partial<ErrorBody> | undefined)?.error;
    throw new ApiError(response.status, typeof error?.code === 'string' ? error : null);
  }
  return payload as T;
}

/** Sends a new document: its fields as JSON in `document`, the signed PDF in `file`. */
export function useSendDocument() {
  const queryClient = useQueryClient();
  return useMutation<DocumentDetail, ApiError, { document: NewDocument; file: File }>({
    mutationFn: ({ document, file }) => {
      const form = new FormData();
      form.append('document', JSON.stringify(document));
      form.append('file', file, file.name);
      return postForm<DocumentDetail>(`${BASE}/documents`, form);
    },
    onSuccess: (detail) => {
      queryClient.setQueryData([...DOCUMENTS_KEY, 'one', detail.id], detail);
      void queryClient.invalidateQueries({ queryKey: [...DOCUMENTS_KEY, 'list'] });
    },
  });
}

export function useExchangeStats(period: { from: string; to: string }, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'stats', period],
    queryFn: ({ signal }) => api.get<{ items: AgencyStats[] }>(`${BASE}/stats`, period, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useHubSystems() {
  return useQuery({
    queryKey: [...HUB_KEY, 'systems'],
    queryFn: ({ signal }) => api.get<{ items: HubSystem[] }>(`${BASE}/hub/systems`, {}, signal),
  });
}

export function useRegisterSystem() {
  const queryClient = useQueryClient();
  return useMutation<IssuedSystem, ApiError, NewHubSystem>({
    mutationFn: (system) => api.post<IssuedSystem>(`${BASE}/hub/systems`, system),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...HUB_KEY, 'systems'] }),
  });
}

export function useTraffic(filter: TrafficFilter) {
  return useQuery({
    queryKey: [...HUB_KEY, 'traffic', filter],
    queryFn: ({ signal }) =>
      api.get<TrafficList>(
        `${BASE}/hub/traffic`,
        {
          state: filter.state,
          system: filter.system.trim(),
          q: filter.q.trim(),
          limit: TRAFFIC_PAGE_SIZE,
          offset: (filter.page - 1) * TRAFFIC_PAGE_SIZE,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useHubMessage(id: string | null) {
  return useQuery({
    queryKey: [...HUB_KEY, 'message', id],
    queryFn: ({ signal }) =>
      api.get<HubMessageDetail>(`${BASE}/hub/messages/${encodeURIComponent(id ?? '')}`, {}, signal),
    enabled: id !== null,
  });
}

/** Puts a failed delivery back in its recipient's queue; the traffic and the open message are read again. */
export function useRequeueDelivery() {
  const queryClient = useQueryClient();
  return useMutation<unknown, ApiError, number>({
    mutationFn: (seq) => api.post<unknown>(`${BASE}/hub/deliveries/${seq}/requeue`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: HUB_KEY }),
  });
}
