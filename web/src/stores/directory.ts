// Agents and groups of the workspace: names for ids in tickets, choices for assignee and group.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, type Agent, type Group, type Id, type Page } from '../api/client';

/** Workspaces with more agents or groups than this are not what the first slice serves. */
const MAX_PAGES = 10;

async function listAll<T>(
  list: (page: { cursor?: string | null; limit: number }) => Promise<Page<T>>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page: Page<T> = await list({ cursor, limit: 100 });
    out.push(...page.data);
    cursor = page.next_cursor;
    if (!cursor) {
      break;
    }
  }
  return out;
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name);
}

export const useDirectoryStore = defineStore('directory', () => {
  const agents = ref<Agent[]>([]);
  const groups = ref<Group[]>([]);
  const loaded = ref(false);
  let loading: Promise<void> | null = null;

  const agentsById = computed(() => new Map(agents.value.map((a) => [a.id, a])));
  const groupsById = computed(() => new Map(groups.value.map((g) => [g.id, g])));

  /** Loads agents and groups once per session; later calls wait for the same load. */
  function load(): Promise<void> {
    if (loaded.value) {
      return Promise.resolve();
    }
    if (!loading) {
      loading = Promise.all([
        listAll((p) => api.listAgents(p)),
        listAll((p) => api.listGroups(p)),
      ])
        .then(([a, g]) => {
          agents.value = a.sort(byName);
          groups.value = g.sort(byName);
          loaded.value = true;
        })
        .finally(() => {
          loading = null;
        });
    }
    return loading;
  }

  function agentName(id: Id | null): string | null {
    return id === null ? null : (agentsById.value.get(id)?.name ?? null);
  }

  function groupName(id: Id | null): string | null {
    return id === null ? null : (groupsById.value.get(id)?.name ?? null);
  }

  function reset(): void {
    agents.value = [];
    groups.value = [];
    loaded.value = false;
  }

  return { agents, groups, loaded, agentsById, groupsById, load, agentName, groupName, reset };
});
