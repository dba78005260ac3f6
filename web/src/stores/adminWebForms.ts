// Admin: web forms, with the groups a form can hand its tickets to and the custom fields it
// may ask for (active ones; a form keeps a field that was deactivated later, by its key).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Group, Id } from '../api/client';
import { adminApi, type CustomField } from '../api/admin';
import { webFormsApi, type WebForm, type WebFormInput } from '../api/webForms';
import { optimisticRemove, reloadIfStale, replace } from './adminShared';

export const useAdminWebFormsStore = defineStore('adminWebForms', () => {
  const forms = ref<WebForm[]>([]);
  const groups = ref<Group[]>([]);
  const customFields = ref<CustomField[]>([]);
  const loading = ref(false);
  const loadError = ref<unknown>(null);

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      const admin = adminApi();
      const [list, groupList, fieldList] = await Promise.all([
        webFormsApi().list(),
        admin.listGroups(),
        admin.listCustomFields(),
      ]);
      forms.value = [...list].sort((a, b) => a.name.localeCompare(b.name));
      groups.value = groupList;
      customFields.value = fieldList;
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  }

  /**
   * The form with its snippet: a server that left the snippet out of a write's answer is asked
   * for the form once more (without it the admin would see an empty embed code).
   */
  async function withSnippet(form: WebForm): Promise<WebForm> {
    if (form.snippet) return form;
    return webFormsApi().get(form.id).catch(() => form);
  }

  async function create(body: WebFormInput): Promise<WebForm> {
    const created = await withSnippet(await webFormsApi().create(body));
    replace(forms, created);
    forms.value.sort((a, b) => a.name.localeCompare(b.name));
    return created;
  }

  async function update(id: Id, changes: WebFormInput): Promise<WebForm> {
    const before = forms.value.find((f) => f.id === id);
    try {
      const after = await withSnippet(await webFormsApi().update(id, changes, before?.version));
      replace(forms, after);
      return after;
    } catch (e) {
      reloadIfStale(e, load);
      throw e;
    }
  }

  function remove(id: Id): Promise<void> {
    return optimisticRemove(forms, id, () => webFormsApi().remove(id));
  }

  function groupName(id: Id | null): string {
    return id === null ? '' : (groups.value.find((g) => g.id === id)?.name ?? `#${id}`);
  }

  /** The label of a custom field by key, or the key itself for one no longer defined. */
  function fieldLabel(key: string): string {
    return customFields.value.find((f) => f.key === key)?.label ?? key;
  }

  function reset(): void {
    forms.value = [];
    groups.value = [];
    customFields.value = [];
    loadError.value = null;
  }

  return { forms, groups, customFields, loading, loadError, load, create, update, remove, groupName, fieldLabel, reset };
});
