/**
 * The evidence bundle of a decision, format `cpdt-decision-bundle/1` (docs/signatures.md): what
 * `cpdt poll export` / `cpdt ballot export` write (decisions.export.ts) and `cpdt verify` checks offline
 * (decisions.verify.ts). A folder of plain files any auditor can re-check with openssl and pdfsig:
 *
 *   manifest.json               what the decision is, its rules, the log entries and the outcome
 *   ca.pem                      the CA certificates every signature chains to
 *   <seq>.json, <seq>.json.p7s  each log entry's signed bytes and its detached CMS signature (DER)
 *   receipts/<seq>.json(.p7s)   the server's sealed receipt for each vote or answer
 *   checkpoint.json(.p7s)       the sealed checkpoint of the whole log at close
 *   result.pdf                  a ballot's sealed result report
 */
import type {
  BallotQuestion,
  DecisionKind,
  DecisionOption,
  LegalBasis,
  LogEntryType,
  MeetingRules,
  Outcome,
  PollKind,
} from './model.js';

export const BUNDLE_FORMAT = 'cpdt-decision-bundle/1';
export const MANIFEST_FILE = 'manifest.json';
export const CA_FILE = 'ca.pem';
export const CHECKPOINT_FILE = 'checkpoint.json';
export const RESULT_FILE = 'result.pdf';
export const RECEIPTS_DIR = 'receipts';

export const entryFile = (seq: number): string => `${seq}.json`;
export const receiptFile = (seq: number): string => `${RECEIPTS_DIR}/${seq}.json`;
export const signatureFile = (file: string): string => `${file}.p7s`;

export interface BundleEntry {
  seq: number;
  type: LogEntryType;
  /** `<seq>.json`: the exact bytes that were signed. Its signature is the same name + `.p7s`. */
  file: string;
  payloadSha256: string;
  prevHash: string;
  hash: string;
  /** A vote recorded on behalf and ratified: the ratification entry's file. */
  ratification?: string;
  /** A vote or an answer: the server's sealed receipt, `receipts/<seq>.json`. */
  receipt?: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  kind: DecisionKind;
  id: string;
  title: string;
  body: { id: string; name: string };
  meeting?: { id: string; title: string };
  agendaItem?: { id: string; title: string };
  /** A poll: its question, kind and (kind 'options') options. */
  question?: string;
  pollKind?: PollKind;
  options?: DecisionOption[];
  /** A ballot: its reference number, questions and deadline. */
  reference?: string | null;
  questions?: BallotQuestion[];
  deadline?: string | null;
  ruleProfile: { id: string; code: string; name: string; rules: MeetingRules; legalBasis: LegalBasis[] };
  /** A poll: the voting members present when it opened (quorum; a 'present' base). */
  presentCount?: number;
  /** SHA-256 of the roster statement (entry 0), named by every vote and answer. */
  rosterHash: string;
  /** Whose certificates signed: person id → SHA-256 fingerprints (hex) of their certificates, from the registry. */
  signers: Record<string, string[]>;
  /** The system seal's certificates (SHA-256 fingerprints) that signed rosters, receipts, closes, checkpoints. */
  seal: string[];
  entries: BundleEntry[];
  checkpoint: typeof CHECKPOINT_FILE;
  /** A poll's Outcome, or a ballot's outcome per question id. */
  outcome: Outcome | Record<string, Outcome>;
  result?: typeof RESULT_FILE;
  resultSha256?: string | null;
  exportedAt: string;
}

/** The sealed checkpoint: the log's size and head hash when the decision closed. */
export interface CheckpointStatement {
  type: 'cpdt.checkpoint';
  decision: { kind: DecisionKind; id: string };
  size: number;
  head: string;
  at: string;
  outcome: Outcome | Record<string, Outcome>;
}
