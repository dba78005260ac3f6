// /kb as agents and admins use it: the tree and the article list with each language's status,
// views and votes; filters in the address; admins add categories with titles per language;
// agents only read the tree.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Language } from '../../api/types';
import { FakeApi, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import KbScreen from './KbScreen.vue';
import { kbArticle, kbCategory, kbTranslation } from './testData';

let server: FakeApi;
let unmount: (() => void) | null = null;

function serve(role: 'admin' | 'agent', language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ role, language }), csrf_token: 'c' });
  server.on('GET', '/api/v1/kb/categories', { items: [kbCategory()] });
  server.on('GET', '/api/v1/kb/articles', {
    items: [
      kbArticle({
        translations: [
          kbTranslation(),
          kbTranslation({ language: 'hi', title: 'अपना पार्सल ट्रैक करें', status: 'draft', views: 1, helpful_yes: 0, helpful_no: 0 }),
        ],
      }),
      kbArticle({ id: 8, visibility: 'internal', tags: ['cod'], translations: [kbTranslation({ title: 'COD refunds procedure' })] }),
    ],
    next_cursor: null,
  });
}

async function open(path: string, locale: Language = 'en') {
  const m = await mountScreen(KbScreen, { path, locale });
  unmount = () => m.wrapper.unmount();
  return m;
}

afterEach(() => {
  unmount?.();
  unmount = null;
});

describe('KbScreen', () => {
  beforeEach(() => serve('agent'));

  it('lists articles with a chip per language, views, votes and the internal badge', async () => {
    const { wrapper } = await open('/kb');
    const rows = wrapper.findAll('[data-testid="kb-article-row"]');
    expect(rows).toHaveLength(2);
    const chips = rows[0]!.findAll('[data-testid="kb-status-chip"]');
    expect(chips[0]!.text()).toContain('English: Published');
    expect(chips[0]!.text()).toContain('120 views');
    expect(chips[0]!.text()).toContain('helpful 30, not helpful 2');
    expect(chips[1]!.text()).toContain('हिन्दी: Draft');
    expect(chips[1]!.text()).toContain('1 view');
    expect(rows[0]!.find('.badge.internal').exists()).toBe(false);
    expect(rows[1]!.get('.badge.internal').text()).toBe('Internal');
    expect(rows[1]!.get('a').attributes('href')).toBe('/kb/articles/8');
  });

  it('shows titles in the agent’s language and lets agents read but not change the tree', async () => {
    serve('agent', 'hi');
    const { wrapper } = await open('/kb', 'hi');
    expect(wrapper.get('h1').text()).toBe('ज्ञान कोश');
    expect(wrapper.get('[data-testid="kb-category"] h3').text()).toBe('शिपिंग');
    expect(wrapper.get('[data-testid="kb-article-row"] a').text()).toBe('अपना पार्सल ट्रैक करें');
    expect(wrapper.find('[data-testid="kb-add-category"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="kb-add-section"]').exists()).toBe(false);
  });

  it('filters by section and status through the address', async () => {
    const { wrapper, router } = await open('/kb');
    await wrapper.get('[data-testid="kb-section"] button').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query.section).toBe('3');
    expect(wrapper.get('#kb-list-heading').text()).toBe('Articles in Tracking');
    await wrapper.get('[data-testid="kb-filter-status"]').setValue('draft');
    await flushPromises();
    const last = server.callsTo('GET', '/api/v1/kb/articles').at(-1)!;
    expect(last.query.get('section_id')).toBe('3');
    expect(last.query.get('status')).toBe('draft');
  });

  it('says why a section with articles cannot be deleted', async () => {
    serve('admin');
    server.on('DELETE', '/api/v1/kb/sections/3', problem(409, 'conflict'));
    const { wrapper } = await open('/kb');
    await wrapper.get('[data-testid="kb-section"] .confirm-button button').trigger('click');
    await wrapper.get('[data-testid="kb-section"] .button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', '/api/v1/kb/sections/3')).toHaveLength(1);
    expect(wrapper.get('[data-testid="kb-tree"] .form-error').text()).toBe(
      'This section still has articles. Move or delete them first.',
    );
  });

  it('lets an admin add a category with a title per language', async () => {
    serve('admin');
    server.on('POST', '/api/v1/kb/categories', kbCategory({ id: 2 }));
    const { wrapper } = await open('/kb');
    await wrapper.get('[data-testid="kb-add-category"]').trigger('click');
    const form = wrapper.get('[data-testid="kb-titles-form"]');
    await form.trigger('submit');
    expect(form.text()).toContain('Give a title in at least one language.');
    expect(server.callsTo('POST', '/api/v1/kb/categories')).toHaveLength(0);
    await form.get('[data-testid="kb-title-en"]').setValue(' Returns ');
    await form.get('[data-testid="kb-title-kn"]').setValue('ಹಿಂತಿರುಗಿಸುವಿಕೆ');
    await form.trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/kb/categories')[0]!.body).toEqual({
      titles: { en: 'Returns', kn: 'ಹಿಂತಿರುಗಿಸುವಿಕೆ' },
      position: 1,
    });
    // The tree is read again after the change.
    expect(server.callsTo('GET', '/api/v1/kb/categories').length).toBeGreaterThanOrEqual(2);
    expect(wrapper.find('[data-testid="kb-titles-form"]').exists()).toBe(false);
  });
});
