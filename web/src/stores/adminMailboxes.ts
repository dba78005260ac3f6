// Admin: mailboxes, with the groups a mailbox can hand its new tickets to. Tests of a mailbox's
// servers answer in words (`MailboxTestResult`); they are not stored here.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Group, Id } from '../api/client';
import { adminApi } from '../api/admin';
import { mailboxesApi, type Mailbox, type MailboxInput } from '../api/mailboxes';
import { optimisticRemove, reloadIfStale, replace } from './adminShared';

export const useAdminMailboxesStore = defineStore('adminMailboxes', () => {
  const mailboxes = ref<Mailbox[]>([]);
  const groups = ref<Group[]>([]);
  const loading = ref(false);
  const loadError = ref<unknown>(null);

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      const [list, groupList] = await Promise.all([mailboxesApi().list(), adminApi().listGroups()]);
      mailboxes.value = list;
      groups.value = groupList;
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  }

  async function create(body: MailboxInput): Promise<Mailbox> {
    const created = await mailboxesApi().create(body);
    replace(mailboxes, created);
    mailboxes.value.sort((a, b) => a.name.localeCompare(b.name));
    return created;
  }

  async function update(id: Id, changes: MailboxInput): Promise<Mailbox> {
    const before = mailboxes.value.find((m) => m.id === id);
    try {
      const after = await mailboxesApi().update(id, changes, before?.version);
      replace(mailboxes, after);
      return after;
    } catch (e) {
      reloadIfStale(e, load);
      throw e;
    }
  }

  function remove(id: Id): Promise<void> {
    return optimisticRemove(mailboxes, id, () => mailboxesApi().remove(id));
  }

  function groupName(id: Id | null): string {
    return id === null ? '' : (groups.value.find((g) => g.id === id)?.name ?? `#${id}`);
  }

  function reset(): void {
    mailboxes.value = [];
    groups.value = [];
    loadError.value = null;
  }

  return { mailboxes, groups, loading, loadError, load, create, update, remove, groupName, reset };
});
