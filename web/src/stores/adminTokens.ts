// Admin: API tokens. The secret comes once, in the answer to the creation; the store never
// keeps it (the screen shows it until the admin leaves).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Id } from '../api/client';
import { adminApi, type ApiToken, type ApiTokenCreated } from '../api/admin';
import { optimisticRemove } from './adminShared';

export const useAdminTokensStore = defineStore('adminTokens', () => {
  const tokens = ref<ApiToken[]>([]);
  const loading = ref(false);
  const loadError = ref<unknown>(null);

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      tokens.value = await adminApi().listApiTokens();
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  }

  /** Creates a token; the answer carries the secret, which the caller shows once. */
  async function create(name: string, agentId?: Id): Promise<ApiTokenCreated> {
    const body = agentId === undefined ? { name } : { name, agent_id: agentId };
    const created = await adminApi().createApiToken(body);
    const { token: _secret, ...listed } = created;
    tokens.value.unshift(listed);
    return created;
  }

  function revoke(id: Id): Promise<void> {
    return optimisticRemove(tokens, id, () => adminApi().revokeApiToken(id));
  }

  function reset(): void {
    tokens.value = [];
    loadError.value = null;
  }

  return { tokens, loading, loadError, load, create, revoke, reset };
});
