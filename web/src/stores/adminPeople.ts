// Admin: the workspace's agents and groups, with the changes an admin makes to them.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Agent, Group, Id } from '../api/client';
import {
  adminApi,
  type AgentCreate,
  type AgentUpdate,
  type GroupCreate,
  type GroupUpdate,
} from '../api/admin';
import {
  optimisticRemove,
  optimisticUpdate,
  refreshDirectory,
  reloadIfStale,
  replace,
} from './adminShared';
import { useSessionStore } from './session';

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name);
}

export const useAdminPeopleStore = defineStore('adminPeople', () => {
  const agents = ref<Agent[]>([]);
  const groups = ref<Group[]>([]);
  const loading = ref(false);
  /** The error of the last load, for the screen to show. */
  const loadError = ref<unknown>(null);

  /** Loads agents and groups afresh (an admin screen wants what is true now). */
  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    const api = adminApi();
    try {
      const [a, g] = await Promise.all([api.listAgents(), api.listGroups()]);
      agents.value = a.sort(byName);
      groups.value = g.sort(byName);
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  }

  // ------------------------------------------------------------------ agents

  async function inviteAgent(body: AgentCreate): Promise<Agent> {
    const created = await adminApi().createAgent(body);
    replace(agents, created);
    agents.value.sort(byName);
    syncGroupsOf(created);
    refreshDirectory();
    return created;
  }

  /** Changes an agent at its version (If-Match); shown at once, rolled back when refused. */
  async function updateAgent(id: Id, changes: AgentUpdate): Promise<Agent> {
    const { password: _password, ...visible } = changes;
    const after = await optimisticUpdate<Agent>(agents, id, visible, (before) =>
      adminApi().updateAgent(id, changes, before.version),
    ).catch((e: unknown) => {
      reloadIfStale(e, load);
      throw e;
    });
    syncGroupsOf(after);
    refreshDirectory();
    const session = useSessionStore();
    if (session.me?.id === after.id) {
      // The header shows the admin's own name and role from the session.
      session.me = after;
    }
    return after;
  }

  /** Keeps each group's member list in line with an agent's `group_ids`. */
  function syncGroupsOf(agent: Agent): void {
    groups.value = groups.value.map((g) => {
      const member = g.agent_ids.includes(agent.id);
      const wanted = agent.group_ids.includes(g.id);
      if (member === wanted) {
        return g;
      }
      const agent_ids = wanted
        ? [...g.agent_ids, agent.id]
        : g.agent_ids.filter((a) => a !== agent.id);
      return { ...g, agent_ids };
    });
  }

  // ------------------------------------------------------------------ groups

  async function createGroup(body: GroupCreate): Promise<Group> {
    const created = await adminApi().createGroup(body);
    replace(groups, created);
    groups.value.sort(byName);
    syncAgentsOf(created);
    refreshDirectory();
    return created;
  }

  async function updateGroup(id: Id, changes: GroupUpdate): Promise<Group> {
    const after = await optimisticUpdate<Group>(groups, id, changes, (before) =>
      adminApi().updateGroup(id, changes, before.version),
    ).catch((e: unknown) => {
      reloadIfStale(e, load);
      throw e;
    });
    syncAgentsOf(after);
    refreshDirectory();
    return after;
  }

  /** Deletes a group; the server refuses (`/problems/group-in-use`) while tickets are in it. */
  async function deleteGroup(id: Id): Promise<void> {
    await optimisticRemove(groups, id, () => adminApi().deleteGroup(id));
    agents.value = agents.value.map((a) =>
      a.group_ids.includes(id) ? { ...a, group_ids: a.group_ids.filter((g) => g !== id) } : a,
    );
    refreshDirectory();
  }

  /** Keeps each agent's `group_ids` in line with a group's members. */
  function syncAgentsOf(group: Group): void {
    agents.value = agents.value.map((a) => {
      const member = a.group_ids.includes(group.id);
      const wanted = group.agent_ids.includes(a.id);
      if (member === wanted) {
        return a;
      }
      const group_ids = wanted
        ? [...a.group_ids, group.id].sort((x, y) => x - y)
        : a.group_ids.filter((g) => g !== group.id);
      return { ...a, group_ids };
    });
  }

  function reset(): void {
    agents.value = [];
    groups.value = [];
    loadError.value = null;
  }

  return {
    agents,
    groups,
    loading,
    loadError,
    load,
    inviteAgent,
    updateAgent,
    createGroup,
    updateGroup,
    deleteGroup,
    reset,
  };
});
