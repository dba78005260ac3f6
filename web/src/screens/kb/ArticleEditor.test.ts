// The article editor as an agent uses it: language tabs (writing a missing translation),
// the debounced preview, a status change saved with If-Match, the 412 conflict with reload,
// the help-centre link, and the version history with a coloured diff and a restore.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen as mountWith } from '../../testing/mountScreen';
import type { Language } from '../../api/types';
import ArticleEditor from './ArticleEditor.vue';
import { PREVIEW_DELAY_MS } from './preview';
import { kbArticle, kbCategory, kbTranslation } from './testData';

let server: FakeApi;

beforeEach(() => {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7 }), csrf_token: 'c' });
  server.on('GET', '/api/v1/agents', { data: [agent({ id: 7, name: 'Meera Rao' })], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [], next_cursor: null });
  server.on('GET', '/api/v1/kb/categories', { items: [kbCategory()] });
  server.on('GET', '/api/v1/kb/articles/7', kbArticle());
  server.on('POST', '/api/v1/kb/preview', (c) => json(200, { html: `<p>${(c.body as { body: string }).body}</p>` }));
});

let unmount: (() => void) | null = null;

afterEach(() => {
  unmount?.();
  unmount = null;
  vi.useRealTimers();
});

/** Signs in an agent who works in `locale` and opens `path`. */
async function mountScreen(component: typeof ArticleEditor, options: { path: string; locale: Language }) {
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 7, language: options.locale }), csrf_token: 'c' });
  const m = await mountWith(component, options);
  unmount = () => m.wrapper.unmount();
  return m;
}

function previewBodies(): string[] {
  return server.callsTo('POST', '/api/v1/kb/preview').map((c) => (c.body as { body: string }).body);
}

describe('ArticleEditor', () => {
  it('shows a tab per language and writes a missing Hindi translation from its tab', async () => {
    server.on('PUT', '/api/v1/kb/articles/7/translations/hi', kbArticle({
      version: 5,
      translations: [kbTranslation(), kbTranslation({ language: 'hi', title: 'पार्सल ट्रैक करें', status: 'draft', version_no: 1 })],
    }));
    const { wrapper, router } = await mountScreen(ArticleEditor, { path: '/kb/articles/7', locale: 'en' });
    expect(wrapper.get('[data-testid="kb-tab-en"]').attributes('aria-selected')).toBe('true');
    expect((wrapper.get('[data-testid="kb-title"]').element as HTMLInputElement).value).toBe('Track your parcel');
    expect(wrapper.get('[data-testid="kb-tab-hi"]').text()).toContain('not written yet');

    await wrapper.get('[data-testid="kb-tab-hi"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query.lang).toBe('hi');
    expect(wrapper.find('[data-testid="kb-title"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('There is no हिन्दी translation of this article yet.');
    await wrapper.get('[data-testid="kb-create-translation"]').trigger('click');
    await wrapper.get('[data-testid="kb-title"]').setValue('पार्सल ट्रैक करें');
    await wrapper.get('[data-testid="kb-body"]').setValue('अपना AWB नंबर डालें।');
    await wrapper.get('form[role="tabpanel"]').trigger('submit');
    await flushPromises();

    const put = server.callsTo('PUT', '/api/v1/kb/articles/7/translations/hi');
    expect(put).toHaveLength(1);
    expect(put[0]!.headers.get('If-Match')).toBe('"4"');
    expect(put[0]!.body).toEqual({ title: 'पार्सल ट्रैक करें', body: 'अपना AWB नंबर डालें।', status: 'draft' });
    // Only the translation changed: the article's shared fields were not sent.
    expect(server.callsTo('PATCH', '/api/v1/kb/articles/7')).toHaveLength(0);
    expect(wrapper.get('[data-testid="kb-tab-hi"]').text()).not.toContain('not written yet');
    expect(wrapper.get('[data-testid="kb-saved"]').text()).toBe('Saved.');
  });

  it('asks for a preview only once typing pauses, with the last text', async () => {
    const { wrapper } = await mountScreen(ArticleEditor, { path: '/kb/articles/7', locale: 'en' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const body = wrapper.get('[data-testid="kb-body"]');
    await body.setValue('**a');
    await vi.advanceTimersByTimeAsync(100);
    await body.setValue('**ab');
    await vi.advanceTimersByTimeAsync(100);
    await body.setValue('**abc**');
    await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS - 1);
    expect(previewBodies()).not.toContain('**abc**');
    await vi.advanceTimersByTimeAsync(1);
    await flushPromises();
    expect(previewBodies().filter((b) => b === '**abc**')).toHaveLength(1);
    expect(previewBodies()).not.toContain('**a');
    expect(previewBodies()).not.toContain('**ab');
    expect(wrapper.get('[data-testid="kb-preview"]').html()).toContain('<p>**abc**</p>');
  });

  it('publishes with a status change and shows the help-centre link only when public and published', async () => {
    server.on('GET', '/api/v1/kb/articles/7', kbArticle({ translations: [kbTranslation({ status: 'draft' })] }));
    server.on('PUT', '/api/v1/kb/articles/7/translations/en', kbArticle({ version: 5 }));
    const { wrapper } = await mountScreen(ArticleEditor, { path: '/kb/articles/7', locale: 'en' });
    expect(wrapper.find('[data-testid="kb-help-link"]').exists()).toBe(false);
    await wrapper.get('[data-testid="kb-status"]').setValue('published');
    await wrapper.get('form[role="tabpanel"]').trigger('submit');
    await flushPromises();
    const put = server.callsTo('PUT', '/api/v1/kb/articles/7/translations/en')[0]!;
    expect(put.body).toMatchObject({ status: 'published', title: 'Track your parcel' });
    expect(wrapper.get('[data-testid="kb-help-link"]').attributes('href')).toBe('/help/en/articles/7');
  });

  it('says someone else changed the article on 412 and reloads it', async () => {
    server.on('PATCH', '/api/v1/kb/articles/7', problem(412, 'precondition-failed'));
    const { wrapper } = await mountScreen(ArticleEditor, { path: '/kb/articles/7', locale: 'hi' });
    await wrapper.get('[data-testid="kb-visibility"]').setValue('internal');
    await wrapper.get('form[role="tabpanel"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/kb/articles/7')[0]!.headers.get('If-Match')).toBe('"4"');
    expect(wrapper.get('[data-testid="kb-conflict"]').text()).toContain('किसी और ने यह लेख बदल दिया');

    server.on('GET', '/api/v1/kb/articles/7', kbArticle({ version: 9, visibility: 'public' }));
    await wrapper.get('[data-testid="kb-reload"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="kb-conflict"]').exists()).toBe(false);
    expect((wrapper.get('[data-testid="kb-visibility"]').element as HTMLSelectElement).value).toBe('public');
    expect(server.callsTo('GET', '/api/v1/kb/articles/7')).toHaveLength(2);
  });

  it('refuses to save without a title and names what is missing', async () => {
    const { wrapper } = await mountScreen(ArticleEditor, { path: '/kb/articles/new', locale: 'kn' });
    await wrapper.get('[data-testid="kb-body"]').setValue('ಪಠ್ಯ');
    await wrapper.get('form[role="tabpanel"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('.form-error').text()).toBe('ಲೇಖನಕ್ಕೆ ಶೀರ್ಷಿಕೆ ಮತ್ತು ಸ್ವಲ್ಪ ಪಠ್ಯ ನೀಡಿ.');
    expect(server.callsTo('POST', '/api/v1/kb/articles')).toHaveLength(0);
    expect(wrapper.get('[data-testid="kb-tab-kn"]').attributes('aria-selected')).toBe('true');
  });

  it('lists versions, shows a coloured diff and restores after a question', async () => {
    server.on('GET', '/api/v1/kb/articles/7/translations/en/versions', {
      items: [
        { version_no: 3, language: 'en', title: 'Track your parcel', status: 'published', author_id: 7, note: '', created_at: '2026-11-23T10:00:00.000Z' },
        { version_no: 2, language: 'en', title: 'Track', status: 'draft', author_id: 7, note: '', created_at: '2026-11-22T10:00:00.000Z' },
      ],
    });
    server.on('GET', '/api/v1/kb/articles/7/translations/en/diff', {
      from: 2, to: 3, title: { from: 'Track', to: 'Track your parcel' },
      lines: [
        { op: 'equal', text: '# Track' },
        { op: 'delete', text: 'Call us.' },
        { op: 'insert', text: 'Enter your AWB number.' },
      ],
    });
    server.on('POST', '/api/v1/kb/articles/7/translations/en/versions/2/restore', kbArticle({
      version: 6, translations: [kbTranslation({ title: 'Track', version_no: 4 })],
    }));
    const { wrapper } = await mountScreen(ArticleEditor, { path: '/kb/articles/7', locale: 'en' });
    await wrapper.get('[data-testid="kb-history-toggle"]').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('[data-testid="kb-version"]').map((v) => v.text().slice(0, 9))).toEqual(['Version 3', 'Version 2']);
    expect(wrapper.get('[data-testid="kb-version"]').text()).toContain('by Meera Rao');

    await wrapper.get('[data-testid="kb-diff-show"]').trigger('click');
    await flushPromises();
    const q = server.callsTo('GET', '/api/v1/kb/articles/7/translations/en/diff')[0]!.query;
    expect([q.get('from'), q.get('to')]).toEqual(['2', '3']);
    const lines = wrapper.findAll('[data-testid="kb-diff-line"]');
    expect(lines.map((l) => l.attributes('data-op'))).toEqual(['equal', 'delete', 'insert']);
    expect(lines[1]!.classes()).toContain('diff-delete');
    expect(lines[2]!.classes()).toContain('diff-insert');
    expect(lines[2]!.text()).toContain('added: Enter your AWB number.');
    expect(wrapper.get('[data-testid="kb-diff"]').text()).toContain('Title changed from “Track” to “Track your parcel”');

    // The newest version has nothing to restore; an older one asks first.
    expect(wrapper.find('[data-testid="kb-version-restore-3"]').exists()).toBe(false);
    await wrapper.get('[data-testid="kb-version-restore-2"]').trigger('click');
    expect(server.callsTo('POST', '/api/v1/kb/articles/7/translations/en/versions/2/restore')).toHaveLength(0);
    expect(wrapper.text()).toContain('Restore version 2? It is saved as a new version; nothing is lost.');
    await wrapper.get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/kb/articles/7/translations/en/versions/2/restore')).toHaveLength(1);
    expect((wrapper.get('[data-testid="kb-title"]').element as HTMLInputElement).value).toBe('Track');
    expect(wrapper.text()).toContain('Version 2 is restored as a new version.');
  });

  it('uploads a picture, inserts it into the text and keeps it with the article', async () => {
    server.on('POST', '/api/v1/attachments', json(201, {
      id: 12, filename: 'awb label.png', mime_type: 'image/png', size: 3, sha256: '', created_at: '2026-11-23T10:00:00.000Z',
    }));
    server.on('PATCH', '/api/v1/kb/articles/7', kbArticle({ version: 5, attachment_ids: [12] }));
    server.on('PUT', '/api/v1/kb/articles/7/translations/en', kbArticle({ version: 6, attachment_ids: [12] }));
    const { wrapper } = await mountScreen(ArticleEditor, { path: '/kb/articles/7', locale: 'en' });
    const input = wrapper.get('[data-testid="kb-attach"]');
    const file = new File([new Uint8Array([1, 2, 3])], 'awb label.png', { type: 'image/png' });
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    await flushPromises();
    const body = (wrapper.get('[data-testid="kb-body"]').element as HTMLTextAreaElement).value;
    expect(body).toBe('# Track\n\nEnter your AWB number.\n![awb label.png](/help/files/12)\n');
    expect(wrapper.text()).toContain('awb label.png is uploaded and added to the article text.');
    await wrapper.get('form[role="tabpanel"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/kb/articles/7')[0]!.body).toMatchObject({ attachment_ids: [12] });
    const put = server.callsTo('PUT', '/api/v1/kb/articles/7/translations/en')[0]!;
    expect(put.headers.get('If-Match')).toBe('"5"');
    expect((put.body as { body: string }).body).toContain('![awb label.png](/help/files/12)');
  });
});
