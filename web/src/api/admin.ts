// Admin endpoints of the REST API v1 (docs/api/README.md): agents, groups, custom-field
// definitions, the workspace and API tokens. Every write needs the admin role; the server
// answers 403 `/problems/forbidden` otherwise.
import { api as defaultApi, type ApiClient } from './client';
import type { Agent, Group, Id, Language, Page, Timestamp } from './types';

export type Role = Agent['role'];
export const ROLES: readonly Role[] = ['agent', 'admin'];

export interface AgentCreate {
  name: string;
  email: string;
  role?: Role;
  language?: Language;
  time_zone?: string;
  group_ids?: Id[];
  /** Without one the agent is invited and cannot sign in until an admin sets one. */
  password?: string;
}

/** Only the members sent change; `group_ids` replaces the list; `password` sets a new one. */
export interface AgentUpdate {
  name?: string;
  email?: string;
  role?: Role;
  language?: Language;
  time_zone?: string;
  active?: boolean;
  group_ids?: Id[];
  password?: string;
}

export interface GroupCreate {
  name: string;
  description?: string;
  agent_ids?: Id[];
}

export type GroupUpdate = Partial<GroupCreate>;

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'dropdown', 'checkbox'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomField {
  id: Id;
  /** `^[a-z][a-z0-9_]{0,63}$`, unique in the workspace. */
  key: string;
  label: string;
  type: CustomFieldType;
  /** The allowed values of a dropdown; empty for other types. */
  options: string[];
  required: boolean;
  /** Inactive fields keep their values on tickets but take no new ones. */
  active: boolean;
  /** Customers fill it in on the portal's new-request form; otherwise agents only. */
  customer_visible: boolean;
  /** KB category ids whose portal requests show it; empty: every topic (and none). */
  portal_topics: Id[];
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface CustomFieldCreate {
  key: string;
  label: string;
  type: CustomFieldType;
  options?: string[];
  required?: boolean;
  customer_visible?: boolean;
  portal_topics?: Id[];
}

export interface CustomFieldUpdate {
  label?: string;
  options?: string[];
  required?: boolean;
  active?: boolean;
  customer_visible?: boolean;
  portal_topics?: Id[];
}

export interface Workspace {
  id: Id;
  name: string;
  default_language: Language;
  time_zone: string;
  /** Host name of the workspace's help centre and portal (lower-case, punycode), or "". */
  public_host?: string;
}

export type WorkspaceUpdate = Partial<Omit<Workspace, 'id'>>;

export interface ApiToken {
  id: Id;
  name: string;
  /** The agent the token acts as. */
  agent_id: Id;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

/** An ApiToken with its secret: only in the answer to its creation. */
export interface ApiTokenCreated extends ApiToken {
  token: string;
}

export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,63}$/;

/** Lists never grow past this many pages of 100 in the admin screens. */
const MAX_PAGES = 20;

/** Every entry of a cursor-paged list, 100 at a time. */
export async function listAll<T>(client: ApiClient, path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page: Page<T> = await client.get<Page<T>>(path, { query: { limit: 100, cursor } });
    out.push(...page.data);
    cursor = page.next_cursor;
    if (!cursor) {
      break;
    }
  }
  return out;
}

function ifMatch(version: number | undefined): { headers: Record<string, string> } {
  return { headers: version === undefined ? {} : { 'If-Match': `"${version}"` } };
}

/** The admin API over a client (the console's own unless a test passes one). */
export function adminApi(client: ApiClient = defaultApi) {
  return {
    // ------------------------------------------------------------ agents
    listAgents: () => listAll<Agent>(client, '/api/v1/agents'),
    createAgent: (body: AgentCreate) => client.post<Agent>('/api/v1/agents', body),
    updateAgent: (id: Id, changes: AgentUpdate, version?: number) =>
      client.patch<Agent>(`/api/v1/agents/${id}`, changes, ifMatch(version)),

    // ------------------------------------------------------------ groups
    listGroups: () => listAll<Group>(client, '/api/v1/groups'),
    createGroup: (body: GroupCreate) => client.post<Group>('/api/v1/groups', body),
    updateGroup: (id: Id, changes: GroupUpdate, version?: number) =>
      client.patch<Group>(`/api/v1/groups/${id}`, changes, ifMatch(version)),
    deleteGroup: (id: Id) => client.delete(`/api/v1/groups/${id}`),

    // ------------------------------------------------------------ custom fields
    listCustomFields: () => listAll<CustomField>(client, '/api/v1/custom-fields'),
    createCustomField: (body: CustomFieldCreate) =>
      client.post<CustomField>('/api/v1/custom-fields', body),
    updateCustomField: (id: Id, changes: CustomFieldUpdate, version?: number) =>
      client.patch<CustomField>(`/api/v1/custom-fields/${id}`, changes, ifMatch(version)),
    /** Deactivates the field: values already on tickets stay. */
    deactivateCustomField: (id: Id) => client.delete(`/api/v1/custom-fields/${id}`),

    // ------------------------------------------------------------ workspace
    getWorkspace: () => client.get<Workspace>('/api/v1/workspace'),
    updateWorkspace: (changes: WorkspaceUpdate) =>
      client.patch<Workspace>('/api/v1/workspace', changes),

    // ------------------------------------------------------------ API tokens
    listApiTokens: () => listAll<ApiToken>(client, '/api/v1/api-tokens'),
    createApiToken: (body: { name: string; agent_id?: Id }) =>
      client.post<ApiTokenCreated>('/api/v1/api-tokens', body),
    revokeApiToken: (id: Id) => client.delete(`/api/v1/api-tokens/${id}`),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
