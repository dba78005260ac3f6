// Admin: custom-field definitions of tickets.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Id } from '../api/client';
import {
  adminApi,
  type CustomField,
  type CustomFieldCreate,
  type CustomFieldUpdate,
} from '../api/admin';
import { optimisticUpdate, reloadIfStale, replace } from './adminShared';

export const useAdminCustomFieldsStore = defineStore('adminCustomFields', () => {
  const fields = ref<CustomField[]>([]);
  const loading = ref(false);
  const loadError = ref<unknown>(null);

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      // Oldest first: the order an admin defined them in, as ticket forms show them.
      fields.value = (await adminApi().listCustomFields()).sort((a, b) => a.id - b.id);
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  }

  async function create(body: CustomFieldCreate): Promise<CustomField> {
    const created = await adminApi().createCustomField(body);
    fields.value.push(created);
    return created;
  }

  function update(id: Id, changes: CustomFieldUpdate): Promise<CustomField> {
    return optimisticUpdate<CustomField>(fields, id, changes, (before) =>
      adminApi().updateCustomField(id, changes, before.version),
    ).catch((e: unknown) => {
      reloadIfStale(e, load);
      throw e;
    });
  }

  /** DELETE deactivates: the field stays listed, inactive, and its values stay on tickets. */
  async function deactivate(id: Id): Promise<void> {
    await optimisticUpdate<CustomField>(fields, id, { active: false }, async (before) => {
      await adminApi().deactivateCustomField(id);
      return { ...before, active: false, version: before.version + 1 };
    });
    // The version and updated_at are the server's; a failure here leaves the good guess.
    adminApi()
      .listCustomFields()
      .then((all) => {
        const now = all.find((f) => f.id === id);
        if (now) {
          replace(fields, now);
        }
      })
      .catch(() => undefined);
  }

  function reset(): void {
    fields.value = [];
    loadError.value = null;
  }

  return { fields, loading, loadError, load, create, update, deactivate, reset };
});
