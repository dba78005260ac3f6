// Macros (docs/macros.md): GET/POST /api/v1/macros, GET/PATCH/DELETE /api/v1/macros/{id}, and
// applying one to a ticket (preview, apply). Live chat's canned answers are the preview of a
// macro on the conversation's ticket: its rendered reply.
import { api, type ApiClient, type Id, type Language, type Page, type Timestamp } from './client';

export const ACTION_TYPES = [
  'set_status',
  'set_priority',
  'set_group',
  'set_assignee',
  'add_tags',
  'remove_tags',
  'set_custom_field',
  'add_note',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** One action of the shared vocabulary; `value` by type (docs/macros.md). */
export interface MacroAction {
  type: ActionType;
  field?: string;
  value: unknown;
}

export type ReplyVariants = Partial<Record<Language, string>>;

export interface Macro {
  id: Id;
  name: string;
  description: string;
  shared: boolean;
  owner_agent_id: Id | null;
  group_id: Id | null;
  actions: MacroAction[];
  reply: ReplyVariants;
  default_language: Language;
  active: boolean;
  usage_count: number;
  last_used_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface MacroInput {
  name?: string;
  description?: string;
  shared?: boolean;
  group_id?: Id | null;
  actions?: MacroAction[];
  reply?: ReplyVariants;
  default_language?: Language;
  active?: boolean;
}

/** What a macro does (or would do) to a ticket. */
export interface MacroOutcome {
  macro: { id: Id; name: string; usage_count: number };
  ticket: { id: Id; version: number; status: string };
  /** `{field: [before, after]}`, as in audit events. */
  changes: Record<string, [unknown, unknown]>;
  notes: string[];
  reply: string;
  reply_language: Language | null;
  message: unknown;
}

export interface MacroListQuery {
  q?: string;
  sort?: 'name' | 'usage';
  active?: boolean;
}

export async function listMacros(query: MacroListQuery = {}, client: ApiClient = api): Promise<Macro[]> {
  const page = await client.get<Page<Macro>>('/api/v1/macros', {
    query: {
      q: query.q || undefined,
      sort: query.sort,
      active: query.active === undefined ? undefined : String(query.active),
    },
  });
  return page.data;
}

/** 422 names each bad member (`actions[2].value`, `reply.hi`); 403 for shared ones unless admin. */
export function createMacro(input: MacroInput, client: ApiClient = api): Promise<Macro> {
  return client.post<Macro>('/api/v1/macros', input);
}

export function updateMacro(id: Id, input: MacroInput, version?: number, client: ApiClient = api): Promise<Macro> {
  const headers: Record<string, string> = {};
  if (version !== undefined) {
    headers['If-Match'] = `"${version}"`;
  }
  return client.patch<Macro>(`/api/v1/macros/${id}`, input, { headers });
}

export function deleteMacro(id: Id, client: ApiClient = api): Promise<void> {
  return client.delete<void>(`/api/v1/macros/${id}`);
}

/** Writes nothing. */
export function previewMacro(ticketId: Id, macroId: Id, client: ApiClient = api): Promise<MacroOutcome> {
  return client.post<MacroOutcome>(`/api/v1/tickets/${ticketId}/macros/${macroId}/preview`);
}

/** Applies the field changes and notes; the reply comes back for the composer unless `send`. */
export function applyMacro(
  ticketId: Id,
  macroId: Id,
  send = false,
  client: ApiClient = api,
): Promise<MacroOutcome> {
  return client.post<MacroOutcome>(`/api/v1/tickets/${ticketId}/macros/${macroId}/apply`, { send });
}
