// Who is signed in: the agent from /auth/me, the session's CSRF token, sign-in and sign-out.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, isApiError, type Agent } from '../api/client';
import { preferredLanguage, setLanguage } from '../i18n';
import { useAdminCustomFieldsStore } from './adminCustomFields';
import { useAdminPeopleStore } from './adminPeople';
import { useAdminTokensStore } from './adminTokens';
import { useChatStore } from './chat';
import { useCustomerStore } from './customer';
import { useDirectoryStore } from './directory';
import { useInboxStore } from './inbox';
import { useTicketStore } from './ticket';

export const useSessionStore = defineStore('session', () => {
  const me = ref<Agent | null>(null);
  const csrf = ref<string | null>(null);
  /** True once the page has asked the server whether a session exists. */
  const restored = ref(false);
  let restoring: Promise<void> | null = null;

  const signedIn = computed(() => me.value !== null);

  function adopt(agent: Agent, csrfToken: string | null): void {
    me.value = agent;
    csrf.value = csrfToken;
    api.setCsrfToken(csrfToken);
    setLanguage(preferredLanguage(agent));
  }

  /**
   * Picks up the session the cookie carries, once per page load: GET /auth/me, and a 401 means
   * nobody is signed in. Other failures (server down) leave the agent signed out too; sign-in
   * then reports them.
   */
  function restore(): Promise<void> {
    if (restored.value) {
      return Promise.resolve();
    }
    if (!restoring) {
      restoring = api
        .me()
        .then((s) => adopt(s.agent, s.csrf_token))
        .catch((e: unknown) => {
          if (!isApiError(e)) {
            throw e;
          }
          clear();
        })
        .finally(() => {
          restored.value = true;
          restoring = null;
        });
    }
    return restoring;
  }

  /** Signs in; throws ApiError (`/problems/invalid-credentials`, `/problems/account-locked` …). */
  async function login(email: string, password: string, rememberMe: boolean): Promise<void> {
    const s = await api.login(email, password, rememberMe);
    resetWorkspaceData();
    adopt(s.agent, s.csrf_token);
    restored.value = true;
  }

  /** Ends the session on the server and forgets everything loaded under it. */
  async function logout(): Promise<void> {
    try {
      await api.logout();
    } catch (e) {
      // 401: the session had ended already, which is what we wanted.
      if (!isApiError(e) || e.status !== 401) {
        throw e;
      }
    }
    clear();
  }

  /** Forgets the session locally (it ended or was never there). */
  function clear(): void {
    me.value = null;
    csrf.value = null;
    api.setCsrfToken(null);
    resetWorkspaceData();
  }

  function resetWorkspaceData(): void {
    useDirectoryStore().reset();
    useInboxStore().reset();
    useTicketStore().reset();
    useCustomerStore().reset();
    // Admin lists must not outlive an admin's session (inbox.reset() forgets saved views).
    useAdminPeopleStore().reset();
    useAdminCustomFieldsStore().reset();
    useAdminTokensStore().reset();
    // The chat socket belongs to the session: closed, its chats forgotten.
    useChatStore().reset();
  }

  return { me, csrf, restored, signedIn, restore, login, logout, clear };
});
