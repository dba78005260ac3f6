// The signed-in agent's own settings: PATCH /api/v1/auth/me and POST /api/v1/auth/password.
// Any agent may call them for themself (no admin role needed).
import { api as defaultApi, type ApiClient } from './client';
import type { Language, Session } from './types';

/** Only the members sent change. */
export interface ProfileUpdate {
  name?: string;
  language?: Language;
  time_zone?: string;
}

export function profileApi(client: ApiClient = defaultApi) {
  return {
    /** → the agent as changed and the session's CSRF token. */
    updateMe: (changes: ProfileUpdate) => client.patch<Session>('/api/v1/auth/me', changes),
    /**
     * → 204. A wrong current password is 422 naming `current_password`; the agent's other
     * sessions are signed out.
     */
    changePassword: (currentPassword: string, newPassword: string) =>
      client.post<void>('/api/v1/auth/password', {
        current_password: currentPassword,
        new_password: newPassword,
      }),
  };
}

export type ProfileApi = ReturnType<typeof profileApi>;
