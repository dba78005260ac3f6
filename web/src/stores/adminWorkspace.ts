// Admin: the workspace's name, default language and time zone.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { adminApi, type Workspace, type WorkspaceUpdate } from '../api/admin';

export const useAdminWorkspaceStore = defineStore('adminWorkspace', () => {
  const workspace = ref<Workspace | null>(null);
  const loading = ref(false);
  const loadError = ref<unknown>(null);

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      workspace.value = await adminApi().getWorkspace();
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  }

  async function save(changes: WorkspaceUpdate): Promise<Workspace> {
    workspace.value = await adminApi().updateWorkspace(changes);
    return workspace.value;
  }

  return { workspace, loading, loadError, load, save };
});
