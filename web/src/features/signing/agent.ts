/**
 * Client of the local signing agent (docs/signing-agent.md, protocol `cpdt-signing-agent/1`): a program on the
 * member's computer, listening on 127.0.0.1, that signs with the certificate on their USB token after showing
 * them what they sign and asking for the PIN.
 */

export const AGENT_PROTOCOL = 'cpdt-signing-agent/1';
export const DEFAULT_AGENT_URL = 'http://127.0.0.1:4917';
const URL_KEY = 'cpdt.signingAgentUrl';
/** Set once the person has asked for the agent: pages never probe loopback for people who do not use one. */
const ENABLED_KEY = 'cpdt.signingAgentEnabled';

export interface AgentInfo {
  name: string;
  version: string;
  protocol: string;
}

export interface AgentCertificate {
  id: string;
  /** Base64 DER. */
  certificate: string;
  label: string;
}

export interface AgentSignRequest {
  certificateId: string;
  /** Base64 of the bytes to sign (the CMS signed attributes). */
  data: string;
  algorithm: 'ECDSA-SHA256' | 'RSA-SHA256';
  summary: string[];
  payloadSha256: string;
  origin: string;
}

/** A refusal from the agent ({error:{code,message}}), or 'unreachable' when nothing answers. */
export class AgentError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}

export function agentUrl(): string {
  try {
    return localStorage.getItem(URL_KEY) ?? DEFAULT_AGENT_URL;
  } catch {
    return DEFAULT_AGENT_URL;
  }
}

/** Only a loopback http(s) address: the agent runs on this computer. */
export function isAgentUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
      url.pathname.replace(/\/$/, '') === ''
    );
  } catch {
    return false;
  }
}

/** Whether this browser should talk to the signing agent (the person set it up on /signing). */
export function agentEnabled(): boolean {
  try {
    return localStorage.getItem(ENABLED_KEY) === '1';
  } catch {
    return false;
  }
}

/** Remembers the agent's address and that this person uses an agent. */
export function setAgentUrl(value: string): void {
  const url = value.trim().replace(/\/$/, '');
  if (url === '' || url === DEFAULT_AGENT_URL) localStorage.removeItem(URL_KEY);
  else localStorage.setItem(URL_KEY, url);
  localStorage.setItem(ENABLED_KEY, '1');
}

async function call<T>(path: string, init: { body?: unknown; timeoutMs?: number } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${agentUrl()}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.timeoutMs ? { signal: AbortSignal.timeout(init.timeoutMs) } : {}),
    });
  } catch (cause) {
    throw new AgentError('unreachable', cause instanceof Error ? cause.message : String(cause));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new AgentError(
      typeof error?.code === 'string' ? error.code : `http_${response.status}`,
      typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
    );
  }
  return body as T;
}

export async function agentInfo(): Promise<AgentInfo> {
  const info = await call<AgentInfo>('/v1/info', { timeoutMs: 2000 });
  if (info.protocol !== AGENT_PROTOCOL)
    throw new AgentError('protocol', `Unsupported protocol ${info.protocol}`);
  return info;
}

export function agentCertificates(): Promise<AgentCertificate[]> {
  return call<AgentCertificate[]>('/v1/certificates', { timeoutMs: 5000 });
}

/** Asks the agent to sign; it shows the summary and asks for the PIN, so no timeout. */
export async function agentSign(request: AgentSignRequest): Promise<string> {
  const { signature } = await call<{ signature: string }>('/v1/sign', { body: request });
  return signature;
}
