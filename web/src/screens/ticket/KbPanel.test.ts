// The knowledge base on the ticket page: the sidebar searches with the ticket's subject,
// "Insert link" puts the help centre's address of the customer's language into the reply box
// and "Insert text" the article's text; an internal article offers no link. "Create article" on
// a public reply opens the editor prefilled as a draft in the ticket's language.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { FakeApi } from '../../testing/fakeApi';
import { agent, message, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { kbArticle, kbCategory, kbTranslation } from '../kb/testData';
import TicketScreen from './TicketScreen.vue';

let server: FakeApi;
let unmount: (() => void) | null = null;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language: 'en' }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [], next_cursor: null });
  server.on('GET', '/api/v1/custom-fields', { data: [], next_cursor: null });
  server.on('GET', '/api/v1/tickets/1042', ticket());
  server.on('GET', '/api/v1/tickets/1042/messages', {
    data: [
      message({ id: 1, body: 'पार्सल कहाँ है?' }),
      message({ id: 2, author: { type: 'agent', id: 7, name: 'Meera Rao' }, body: 'AWB नंबर से ट्रैक करें।' }),
      message({ id: 3, public: false, author: { type: 'agent', id: 7, name: 'Meera Rao' }, body: 'note' }),
    ],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/search', {
    data: [
      { type: 'article', id: 7, title: 'Track your parcel', snippet: '', fields: { language: 'en' } },
      // The Hindi translation of the same article is a hit of its own.
      { type: 'article', id: 7, title: 'पार्सल ट्रैक करें', snippet: '', fields: { language: 'hi' } },
      { type: 'article', id: 8, title: 'COD procedure', snippet: '', fields: {} },
    ],
  });
  server.on('GET', '/api/v1/kb/articles/7', kbArticle({
    translations: [
      kbTranslation(),
      kbTranslation({ language: 'hi', title: 'पार्सल ट्रैक करें', body: 'अपना AWB नंबर डालें।' }),
    ],
  }));
  server.on('GET', '/api/v1/kb/articles/8', kbArticle({
    id: 8,
    visibility: 'internal',
    translations: [kbTranslation({ title: 'COD procedure', body: 'Check the COD ledger first.' })],
  }));
});

afterEach(() => {
  unmount?.();
  unmount = null;
});

async function openTicket() {
  const m = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
  unmount = () => m.wrapper.unmount();
  return m;
}

function replyText(w: Awaited<ReturnType<typeof openTicket>>['wrapper']): string {
  return (w.get('[data-testid="reply-body"]').element as HTMLTextAreaElement).value;
}

describe('KbPanel', () => {
  it('searches articles with the ticket subject and shows language, status and the internal badge', async () => {
    const { wrapper } = await openTicket();
    const q = server.callsTo('GET', '/api/v1/search')[0]!.query;
    expect(q.get('type')).toBe('article');
    expect(q.get('q')).toBe('मेरा पार्सल कहाँ है?');
    const results = wrapper.findAll('[data-testid="kb-panel-result"]');
    // One entry per article, though two of its translations matched.
    expect(results).toHaveLength(2);
    expect(server.callsTo('GET', '/api/v1/kb/articles/7')).toHaveLength(1);
    // The ticket is in Hindi: the Hindi translation is the one shown and used.
    expect(results[0]!.text()).toContain('पार्सल ट्रैक करें');
    expect(results[0]!.text()).toContain('हिन्दी');
    expect(results[0]!.text()).toContain('Published');
    expect(results[1]!.get('.badge.internal').text()).toBe('Internal');
  });

  it('inserts the help-centre link in the customer’s language into the reply box', async () => {
    const { wrapper } = await openTicket();
    await wrapper.get('[data-testid="reply-body"]').setValue('Namaste,');
    await wrapper.get('[data-testid="kb-panel-result"] [data-testid="kb-insert-link"]').trigger('click');
    await flushPromises();
    expect(replyText(wrapper)).toBe(`Namaste,\n${window.location.origin}/help/hi/articles/7`);
  });

  it('inserts an article’s text, and offers no link for an internal article', async () => {
    const { wrapper } = await openTicket();
    const internal = wrapper.findAll('[data-testid="kb-panel-result"]')[1]!;
    expect(internal.find('[data-testid="kb-insert-link"]').exists()).toBe(false);
    expect(internal.text()).toContain('only its text can go into a reply');
    await internal.get('[data-testid="kb-insert-text"]').trigger('click');
    await flushPromises();
    expect(replyText(wrapper)).toBe('Check the COD ledger first.');
  });

  it('searches again with what the agent types', async () => {
    server.on('GET', '/api/v1/search', { data: [] });
    const { wrapper } = await openTicket();
    await wrapper.get('[data-testid="kb-panel-q"]').setValue('customs');
    await wrapper.get('[data-testid="kb-panel-search"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('GET', '/api/v1/search').at(-1)!.query.get('q')).toBe('customs');
    expect(wrapper.get('[data-testid="kb-panel"]').text()).toContain('No articles found.');
  });
});

describe('Create article from a reply', () => {
  it('opens the editor with the subject, the reply and the ticket’s language, saved as a draft', async () => {
    server.on('GET', '/api/v1/kb/categories', { items: [kbCategory()] });
    server.on('POST', '/api/v1/kb/articles', kbArticle({ id: 9 }));
    server.on('GET', '/api/v1/kb/articles/9', kbArticle({ id: 9 }));
    server.on('POST', '/api/v1/kb/preview', { html: '' });
    const Shell = defineComponent({ render: () => h(RouterView) });
    const { wrapper, router } = await mountScreen(Shell, { path: '/tickets/1042', locale: 'en' });
    unmount = () => wrapper.unmount();
    await flushPromises();
    const buttons = wrapper.findAll('[data-testid="create-article"]');
    // Only the agent's public reply: not the customer's message, not the note.
    expect(buttons).toHaveLength(1);
    await buttons[0]!.trigger('click');
    // The editor's code loads on first use.
    await vi.waitFor(() => expect(wrapper.find('[data-testid="kb-title"]').exists()).toBe(true), { timeout: 5000 });
    expect(router.currentRoute.value.name).toBe('kb-article-new');
    expect(wrapper.get('[data-testid="kb-tab-hi"]').attributes('aria-selected')).toBe('true');
    expect((wrapper.get('[data-testid="kb-title"]').element as HTMLInputElement).value).toBe('मेरा पार्सल कहाँ है?');
    expect((wrapper.get('[data-testid="kb-body"]').element as HTMLTextAreaElement).value).toBe('AWB नंबर से ट्रैक करें।');
    expect((wrapper.get('[data-testid="kb-status"]').element as HTMLSelectElement).value).toBe('draft');
    await wrapper.get('[data-testid="kb-section"]').setValue('3');
    await wrapper.get('form[role="tabpanel"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/kb/articles')[0]!.body).toMatchObject({
      section_id: 3,
      language: 'hi',
      status: 'draft',
      title: 'मेरा पार्सल कहाँ है?',
      body: 'AWB नंबर से ट्रैक करें।',
    });
    expect(router.currentRoute.value.fullPath).toBe('/kb/articles/9?lang=hi');
  });
});
