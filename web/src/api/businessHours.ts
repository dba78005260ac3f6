// Business hours (docs/business-hours.md): weekly schedules in a time zone with split shifts,
// 24/7, holidays (one at a time or from an .ics file), and the status and due-time questions
// SLAs ask. Any agent reads them; admins write them. The types follow
// src/api/handlers_hours.cc.
import { api as defaultApi, ApiError, problemFromResponse, type ApiClient } from './client';
import type { Id, Page, Timestamp } from './types';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessPeriod {
  day: Weekday;
  /** "HH:MM", 00:00–23:59. */
  start: string;
  /** "HH:MM" after `start`; "24:00" is midnight at the day's end. */
  end: string;
}

export interface Holiday {
  /** "YYYY-MM-DD", a local date in the schedule's zone. */
  date: string;
  name: string;
  /** Where it came from ("India", "Karnataka", an imported file); may be "". */
  calendar?: string;
}

export interface BusinessHours {
  id: Id;
  name: string;
  is_default: boolean;
  time_zone: string;
  always_open: boolean;
  periods: BusinessPeriod[];
  holidays: Holiday[];
  group_ids: Id[];
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface BusinessHoursInput {
  name?: string;
  time_zone?: string;
  always_open?: boolean;
  is_default?: boolean;
  periods?: BusinessPeriod[];
  holidays?: Holiday[];
  group_ids?: Id[];
}

export interface HolidayImport extends BusinessHours {
  import: { events: number; added: number; already_present: number };
}

export interface BusinessHoursStatus {
  business_hours_id: Id;
  time_zone: string;
  at: Timestamp;
  open: boolean;
  next_change: Timestamp | null;
  next_open: Timestamp | null;
  holiday: Holiday | null;
}

async function postCalendar(path: string, text: string, client: ApiClient, version?: number) {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'text/calendar; charset=utf-8',
  };
  const csrf = client.getCsrfToken();
  if (csrf) {
    headers['X-CSRF-Token'] = csrf;
  }
  if (version !== undefined) {
    headers['If-Match'] = `"${version}"`;
  }
  try {
    return await fetch(path, { method: 'POST', credentials: 'same-origin', headers, body: text });
  } catch (e) {
    throw new ApiError({ status: 0, type: '/problems/network', detail: String(e) });
  }
}

export function businessHoursApi(client: ApiClient = defaultApi) {
  const base = '/api/v1/business-hours';
  return {
    list: async (): Promise<BusinessHours[]> => (await client.get<Page<BusinessHours>>(base)).data,
    get: (id: Id) => client.get<BusinessHours>(`${base}/${id}`),
    create: (body: BusinessHoursInput) => client.post<BusinessHours>(base, body),
    /** With `version`, only if nobody changed the schedule since (412 otherwise). */
    update: (id: Id, changes: BusinessHoursInput, version?: number) =>
      client.patch<BusinessHours>(`${base}/${id}`, changes, {
        headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
      }),
    remove: (id: Id) => client.delete(`${base}/${id}`),
    status: (id: Id, at?: string) =>
      client.get<BusinessHoursStatus>(`${base}/${id}/status`, { query: { at } }),
    /**
     * Adds the holidays of an .ics file's text. The shared client speaks only JSON, so this is
     * a plain fetch with the session's CSRF token; a file that cannot be read is a 422 whose
     * errors are on `ics`, each saying its line.
     */
    importIcs: async (id: Id, text: string, version?: number): Promise<HolidayImport> => {
      const path = `${base}/${id}/holidays/import`;
      let res = await postCalendar(path, text, client, version);
      if (!res.ok) {
        const error = await problemFromResponse(res);
        if (error.type !== '/problems/csrf') {
          throw error;
        }
        await client.me();
        res = await postCalendar(path, text, client, version);
        if (!res.ok) {
          throw await problemFromResponse(res);
        }
      }
      return (await res.json()) as HolidayImport;
    },
  };
}

export type BusinessHoursApi = ReturnType<typeof businessHoursApi>;
