// The knowledge-base store: the tree in order, saves with If-Match and the 412 conflict, the
// diff as rows, and the hand-overs from the ticket page.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { FakeApi, problem } from '../testing/fakeApi';
import { kbArticle, kbCategory, kbSection, kbTranslation } from '../screens/kb/testData';
import { diffRows, useKbStore } from './kb';

let server: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  api.setCsrfToken('c');
  server = new FakeApi().install();
});

describe('kb store', () => {
  it('loads the tree with categories and sections in their positions', async () => {
    server.on('GET', '/api/v1/kb/categories', {
      items: [
        kbCategory({ id: 2, position: 1, titles: { en: 'Billing' }, sections: [] }),
        kbCategory({
          id: 1,
          position: 0,
          sections: [kbSection({ id: 5, position: 2, titles: { en: 'Customs' } }), kbSection({ id: 3, position: 0 })],
        }),
      ],
    });
    const store = useKbStore();
    await store.loadTree();
    expect(store.categories.map((c) => c.id)).toEqual([1, 2]);
    expect(store.categories[0]!.sections.map((s) => s.id)).toEqual([3, 5]);
    expect(store.sectionById(5)?.titles.en).toBe('Customs');
    expect(store.treeError).toBeNull();
  });

  it('saves a translation with the loaded version and keeps the answer', async () => {
    server.on('GET', '/api/v1/kb/articles/7', kbArticle({ version: 4 }));
    server.on('PUT', '/api/v1/kb/articles/7/translations/en', kbArticle({
      version: 5,
      translations: [kbTranslation({ title: 'Track a parcel', version_no: 4 })],
    }));
    const store = useKbStore();
    await store.loadArticle(7);
    await store.saveTranslation('en', { title: 'Track a parcel', body: 'x', status: 'published' });
    expect(server.callsTo('PUT', '/api/v1/kb/articles/7/translations/en')[0]!.headers.get('If-Match')).toBe('"4"');
    expect(store.article?.version).toBe(5);
    expect(store.article?.translations[0]!.title).toBe('Track a parcel');
    expect(store.conflict).toBe(false);
  });

  it('marks a conflict on 412 and clears it when the article is reloaded', async () => {
    server.on('GET', '/api/v1/kb/articles/7', kbArticle({ version: 4 }));
    server.on('PUT', '/api/v1/kb/articles/7/translations/en', problem(412, 'precondition-failed'));
    const store = useKbStore();
    await store.loadArticle(7);
    await expect(store.saveTranslation('en', { title: 'T', body: 'B' })).rejects.toMatchObject({ status: 412 });
    expect(store.conflict).toBe(true);
    expect(store.article?.version).toBe(4);
    server.on('GET', '/api/v1/kb/articles/7', kbArticle({ version: 6 }));
    await store.reloadArticle();
    expect(store.conflict).toBe(false);
    expect(store.article?.version).toBe(6);
  });

  it('numbers diff lines on the old and the new side', () => {
    const rows = diffRows([
      { op: 'equal', text: '# Track' },
      { op: 'delete', text: 'Old line' },
      { op: 'insert', text: 'नई पंक्ति' },
      { op: 'insert', text: 'another' },
      { op: 'equal', text: 'end' },
    ]);
    expect(rows.map((r) => [r.oldNo, r.newNo, r.marker])).toEqual([
      [1, 1, ' '],
      [2, null, '-'],
      [null, 2, '+'],
      [null, 3, '+'],
      [3, 4, ' '],
    ]);
  });

  it('hands a seed to the editor once and numbers reply inserts', () => {
    const store = useKbStore();
    store.seedArticle({ title: 'Parcel late', body: 'Sorry', language: 'hi' });
    expect(store.takeSeed()).toEqual({ title: 'Parcel late', body: 'Sorry', language: 'hi' });
    expect(store.takeSeed()).toBeNull();
    store.insertIntoReply('same');
    const first = store.replyInsert!.seq;
    store.insertIntoReply('same');
    expect(store.replyInsert!.seq).toBe(first + 1);
  });

  it('swaps two sections by saving both positions', async () => {
    server.on('GET', '/api/v1/kb/categories', {
      items: [kbCategory({ sections: [kbSection({ id: 3, position: 0, version: 2 }), kbSection({ id: 4, position: 1, version: 9 })] })],
    });
    server.on('PATCH', '/api/v1/kb/sections/3', kbSection());
    server.on('PATCH', '/api/v1/kb/sections/4', kbSection());
    const store = useKbStore();
    await store.loadTree();
    await store.move('section', 4, -1);
    const four = server.callsTo('PATCH', '/api/v1/kb/sections/4')[0]!;
    const three = server.callsTo('PATCH', '/api/v1/kb/sections/3')[0]!;
    expect(four.body).toEqual({ position: 0 });
    expect(four.headers.get('If-Match')).toBe('"9"');
    expect(three.body).toEqual({ position: 1 });
  });
});
