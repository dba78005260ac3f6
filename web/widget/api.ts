// The widget's three HTTP calls (docs/chat.md): the team's status, the offline message and an
// attachment upload. Cross-origin from the host page, without cookies.
import type { Env } from './env';
import type { Attachment } from './protocol';

export interface Status {
  online: boolean;
  expectedWait: number | null;
  /** Which pre-chat fields to ask for; null when there is no pre-chat form. */
  prechat: { name: boolean; email: boolean } | null;
  /** Outside business hours: when the team is back (ms since the epoch), if known. */
  opensAt: number | null;
}

export type StatusResult = Status | 'forbidden' | 'failed';
export type PostResult = 'ok' | 'invalid' | 'rateLimited' | 'tooLarge' | 'failed';

function endpoint(origin: string, path: string, key: string): string {
  return `${origin}/api/v1/chat/${path}?key=${encodeURIComponent(key)}`;
}

function failure(status: number): PostResult {
  if (status === 429) {
    return 'rateLimited';
  }
  if (status === 413) {
    return 'tooLarge';
  }
  return status === 400 || status === 422 ? 'invalid' : 'failed';
}

/** `prechat` as a boolean (both fields) or an object naming the fields to ask for. */
function parsePrechat(v: unknown): Status['prechat'] {
  if (v === true) {
    return { name: true, email: true };
  }
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return o.name || o.email ? { name: Boolean(o.name), email: Boolean(o.email) } : null;
  }
  return null;
}

export async function fetchStatus(env: Env, origin: string, key: string): Promise<StatusResult> {
  try {
    const res = await env.fetch(endpoint(origin, 'status', key), { credentials: 'omit' });
    if (res.status === 403 || res.status === 404) {
      return 'forbidden';
    }
    if (!res.ok) {
      return 'failed';
    }
    const body = (await res.json()) as Record<string, unknown>;
    const wait = body.expected_wait_seconds;
    const opens = typeof body.opens_at === 'string' ? Date.parse(body.opens_at) : NaN;
    return {
      online: body.online === true,
      expectedWait: typeof wait === 'number' ? wait : null,
      prechat: parsePrechat(body.prechat),
      opensAt: Number.isFinite(opens) ? opens : null,
    };
  } catch {
    return 'failed';
  }
}

export interface OfflineMessage {
  name: string;
  email: string;
  text: string;
  language: string;
}

export async function postOffline(
  env: Env,
  origin: string,
  key: string,
  msg: OfflineMessage,
): Promise<PostResult> {
  try {
    const res = await env.fetch(endpoint(origin, 'offline', key), {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(msg),
    });
    return res.status === 201 || res.ok ? 'ok' : failure(res.status);
  } catch {
    return 'failed';
  }
}

export async function uploadAttachment(
  env: Env,
  origin: string,
  key: string,
  token: string,
  file: File,
): Promise<Attachment | PostResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const res = await env.fetch(endpoint(origin, 'attachments', key), {
      method: 'POST',
      credentials: 'omit',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    if (!res.ok) {
      return failure(res.status);
    }
    const a = (await res.json()) as Attachment;
    return a && (typeof a.id === 'string' || typeof a.id === 'number') ? a : 'failed';
  } catch {
    return 'failed';
  }
}
