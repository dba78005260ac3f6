// useAdminList on its own, against the fake server: loading and a failed load, a change with
// If-Match, a 412 that reloads the list, one row action at a time, deleting (which closes the
// record's editor), moving (positions PATCHed in turn, then the list read again) and the editor
// state the screens share.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { rulesApi, type Rule, type RuleInput } from '../api/rules';
import { i18n, setLanguage } from '../i18n';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { trigger } from '../testing/ruleFixtures';
import { useAdminList, type AdminList } from './useAdminList';

const BASE = '/api/v1/triggers';
let server: FakeApi;
let stored: Rule[];
let wrapper: VueWrapper | null = null;

beforeEach(() => {
  setLanguage('en');
  server = new FakeApi().install();
  stored = [
    trigger({ id: 1, name: 'A', position: 0, version: 4 }),
    trigger({ id: 2, name: 'B', position: 1, version: 1 }),
    trigger({ id: 3, name: 'C', position: 2, version: 2 }),
  ];
  server.on('GET', BASE, () => json(200, { data: stored }));
  for (const id of [1, 2, 3]) {
    server.on('PATCH', `${BASE}/${id}`, (call) => {
      const i = stored.findIndex((r) => r.id === id);
      stored[i] = { ...stored[i]!, ...(call.body as object), version: stored[i]!.version + 1 };
      return json(200, stored[i]);
    });
  }
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

function use(): AdminList<Rule, RuleInput> {
  let list: AdminList<Rule, RuleInput> | null = null;
  const Host = defineComponent({
    setup() {
      list = useAdminList<Rule, RuleInput>(() => rulesApi('trigger'));
      return () => h('div');
    },
  });
  wrapper = mount(Host, { global: { plugins: [i18n] } });
  return list!;
}

const names = (list: AdminList<Rule, RuleInput>) => list.ordered.value.map((r) => r.name);

describe('useAdminList', () => {
  it('loads the list in position order and keeps a failed load', async () => {
    stored.reverse();
    const list = use();
    const loading = list.load();
    expect(list.loading.value).toBe(true);
    await loading;
    expect(list.loading.value).toBe(false);
    expect(names(list)).toEqual(['A', 'B', 'C']);
    expect(list.nextPosition.value).toBe(3);

    server.on('GET', BASE, problem(503, 'unavailable'));
    await list.load();
    expect(list.loadError.value).not.toBeNull();
    expect(names(list)).toEqual(['A', 'B', 'C']);
  });

  it('changes a record with If-Match and replaces it in the list', async () => {
    const list = use();
    await list.load();
    const updated = await list.update(list.items.value[1]!, { active: false });
    const call = server.callsTo('PATCH', `${BASE}/2`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"1"');
    expect(call.body).toEqual({ active: false });
    expect(updated?.active).toBe(false);
    expect(list.items.value.find((r) => r.id === 2)?.version).toBe(2);
    expect(list.rowError.value).toBe('');
    expect(list.busyId.value).toBeNull();
  });

  it('says when someone else changed the record first, and reads the list again', async () => {
    server.on('PATCH', `${BASE}/1`, problem(412, 'precondition-failed'));
    const list = use();
    await list.load();
    expect(await list.update(list.items.value[0]!, { active: false })).toBeNull();
    expect(list.rowError.value).toBe('Someone else changed this meanwhile. The list has the latest version; check it and try again.');
    expect(server.callsTo('GET', BASE)).toHaveLength(2);
  });

  it('runs one row action at a time', async () => {
    let release: () => void = () => {};
    server.on('PATCH', `${BASE}/1`, () => new Promise((resolve) => (release = () => resolve(json(200, stored[0])))));
    const list = use();
    await list.load();
    const first = list.update(list.items.value[0]!, { active: false });
    expect(list.busyId.value).toBe(1);
    expect(await list.update(list.items.value[1]!, { active: false })).toBeNull();
    expect(server.callsTo('PATCH', `${BASE}/2`)).toHaveLength(0);
    release();
    await first;
    expect(list.busyId.value).toBeNull();
  });

  it('deletes a record, closing its editor', async () => {
    server.on('DELETE', `${BASE}/2`, () => json(204, null));
    const list = use();
    await list.load();
    list.open(list.items.value[1]!);
    expect(await list.remove(list.items.value[1]!)).toBe(true);
    expect(list.editing.value).toBeNull();
    expect(names(list)).toEqual(['A', 'C']);

    server.on('DELETE', `${BASE}/3`, problem(404, 'not-found'));
    expect(await list.remove(list.items.value[1]!)).toBe(false);
    expect(list.rowError.value).toBe('This was not found. It may have been deleted or merged.');
  });

  it('moves a record: positions PATCHed in turn with their versions, then the list read again', async () => {
    const list = use();
    await list.load();
    expect(await list.move(list.items.value[2]!, -1, (position) => ({ position }))).toBe(2);
    const patches = server.calls.filter((c) => c.method === 'PATCH');
    expect(patches.map((c) => [c.path, c.body, c.headers.get('If-Match')])).toEqual([
      [`${BASE}/3`, { position: 1 }, '"2"'],
      [`${BASE}/2`, { position: 2 }, '"1"'],
    ]);
    expect(server.callsTo('GET', BASE)).toHaveLength(2);
    expect(names(list)).toEqual(['A', 'C', 'B']);
    // The top cannot move further up.
    expect(await list.move(list.ordered.value[0]!, -1, (position) => ({ position }))).toBeNull();
    expect(server.calls.filter((c) => c.method === 'PATCH')).toHaveLength(2);
  });

  it('keeps the editor state: open, saved with a notice, closed', async () => {
    const list = use();
    await list.load();
    list.rowError.value = 'old';
    list.open('new');
    expect(list.editing.value).toBe('new');
    expect(list.rowError.value).toBe('');
    list.saved(trigger({ id: 9, name: 'D', position: 3 }), 'Added “D”.');
    expect(list.editing.value).toBeNull();
    expect(list.notice.value).toBe('Added “D”.');
    expect(names(list)).toEqual(['A', 'B', 'C', 'D']);
    list.open(list.items.value[0]!);
    list.close();
    expect(list.editing.value).toBeNull();
    await flushPromises();
  });
});
