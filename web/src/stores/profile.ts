// The signed-in agent's own settings: name, language, time zone and password. Saving adopts
// the server's answer into the session, and a new language shows at once.
import { defineStore } from 'pinia';
import { api, isApiError, type Agent } from '../api/client';
import type { Language } from '../api/types';
import { profileApi, type ProfileUpdate } from '../api/profile';
import { currentLanguage, setLanguage } from '../i18n';
import { useSessionStore } from './session';

export const useProfileStore = defineStore('profile', () => {
  let languageRequest = 0;

  function adopt(agent: Agent, csrfToken: string | null): void {
    const session = useSessionStore();
    session.me = agent;
    if (csrfToken) {
      session.csrf = csrfToken;
      api.setCsrfToken(csrfToken);
    }
  }

  /** Saves name, language or time zone; throws ApiError when the server refuses. */
  async function save(changes: ProfileUpdate): Promise<Agent> {
    const session = await profileApi().updateMe(changes);
    adopt(session.agent, session.csrf_token);
    if (changes.language) {
      // The saved language wins over an earlier choice of the switcher in this browser.
      setLanguage(changes.language, session.agent.id);
    }
    return session.agent;
  }

  /**
   * The switcher's choice, kept on the server too so it follows the agent to other devices.
   * In the background: a refusal or a server without the endpoint leaves the local choice.
   */
  async function rememberLanguage(language: Language): Promise<void> {
    const session = useSessionStore();
    if (!session.me || session.me.language === language) {
      return;
    }
    const request = ++languageRequest;
    try {
      const answer = await profileApi().updateMe({ language });
      // A later switch wins over an earlier answer arriving late.
      if (request === languageRequest && currentLanguage() === language) {
        adopt(answer.agent, answer.csrf_token);
      }
    } catch (e) {
      if (!isApiError(e)) {
        throw e;
      }
    }
  }

  /** Changes the password; a wrong current one is 422 naming `current_password`. */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await profileApi().changePassword(currentPassword, newPassword);
  }

  return { save, rememberLanguage, changePassword };
});
