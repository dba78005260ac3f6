// The knowledge-base calls: paths and bodies of docs/kb.md, If-Match on saves, list shapes.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import { attachmentMarkdown, helpCentreUrl, kbApi, localized } from './kb';
import { FakeApi, json, problem } from '../testing/fakeApi';
import { kbArticle, kbCategory } from '../screens/kb/testData';

let server: FakeApi;
let kb: ReturnType<typeof kbApi>;

beforeEach(() => {
  server = new FakeApi().install();
  const client = new ApiClient();
  client.setCsrfToken('csrf-1');
  kb = kbApi(client);
});

describe('kbApi', () => {
  it('reads the categories from `items`', async () => {
    server.on('GET', '/api/v1/kb/categories', { items: [kbCategory()] });
    const list = await kb.listCategories();
    expect(list.map((c) => c.titles.en)).toEqual(['Shipping']);
    expect(list[0]!.sections[0]!.titles.hi).toBe('ट्रैकिंग');
  });

  it('sends the article filters as a query and leaves out the empty ones', async () => {
    server.on('GET', '/api/v1/kb/articles', { items: [kbArticle()], next_cursor: 'c2' });
    const page = await kb.listArticles({ section_id: 3, status: 'draft', language: '', visibility: 'internal', tag: '' });
    const q = server.calls[0]!.query;
    expect(q.get('section_id')).toBe('3');
    expect(q.get('status')).toBe('draft');
    expect(q.get('visibility')).toBe('internal');
    expect(q.has('language')).toBe(false);
    expect(q.has('tag')).toBe(false);
    expect(page.next_cursor).toBe('c2');
    expect(page.items[0]!.id).toBe(7);
  });

  it('saves a translation with PUT, If-Match and the CSRF token', async () => {
    server.on('PUT', '/api/v1/kb/articles/7/translations/hi', kbArticle({ version: 5 }));
    const a = await kb.saveTranslation(7, 'hi', { title: 'पार्सल ट्रैक करें', body: 'AWB डालें', status: 'published' }, 4);
    const call = server.calls[0]!;
    expect(call.headers.get('If-Match')).toBe('"4"');
    expect(call.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(call.body).toEqual({ title: 'पार्सल ट्रैक करें', body: 'AWB डालें', status: 'published' });
    expect(a.version).toBe(5);
  });

  it('turns a 412 into an ApiError of type precondition-failed', async () => {
    server.on('PATCH', '/api/v1/kb/articles/7', problem(412, 'precondition-failed'));
    await expect(kb.updateArticle(7, { visibility: 'internal' }, 4)).rejects.toMatchObject({
      status: 412,
      type: '/problems/precondition-failed',
    });
  });

  it('asks for a diff and a restore at their paths', async () => {
    server.on('GET', '/api/v1/kb/articles/7/translations/kn/diff', {
      from: 1, to: 2, title: { from: 'a', to: 'b' }, lines: [{ op: 'insert', text: 'ಹೊಸ ಸಾಲು' }],
    });
    server.on('POST', '/api/v1/kb/articles/7/translations/kn/versions/1/restore', kbArticle());
    const d = await kb.diff(7, 'kn', 1, 2);
    expect(server.calls[0]!.query.get('from')).toBe('1');
    expect(server.calls[0]!.query.get('to')).toBe('2');
    expect(d.lines[0]!.text).toBe('ಹೊಸ ಸಾಲು');
    await kb.restore(7, 'kn', 1);
    expect(server.callsTo('POST', '/api/v1/kb/articles/7/translations/kn/versions/1/restore')).toHaveLength(1);
  });

  it('previews Markdown and searches only articles', async () => {
    server.on('POST', '/api/v1/kb/preview', (c) => json(200, { html: `<p>${(c.body as { body: string }).body}</p>` }));
    server.on('GET', '/api/v1/search', { data: [{ type: 'article', id: 7, title: 'Track', snippet: '' }] });
    expect(await kb.preview('hello')).toBe('<p>hello</p>');
    const hits = await kb.searchArticles('पार्सल');
    const q = server.callsTo('GET', '/api/v1/search')[0]!.query;
    expect(q.get('type')).toBe('article');
    expect(q.get('q')).toBe('पार्सल');
    expect(hits[0]!.fields).toEqual({});
  });
});

describe('kb helpers', () => {
  it('writes an image as a picture and another file as a link', () => {
    expect(attachmentMarkdown({ id: 12, filename: 'awb.png', mime_type: 'image/png' })).toBe('![awb.png](/help/files/12)');
    expect(attachmentMarkdown({ id: 13, filename: 'form [v2].pdf', mime_type: 'application/pdf' })).toBe(
      '[form \\[v2\\].pdf](/help/files/13)',
    );
  });

  it('builds the absolute help-centre address and picks a title per language', () => {
    expect(helpCentreUrl('https://help.acme.in', 7, 'hi')).toBe('https://help.acme.in/help/hi/articles/7');
    expect(localized({ en: 'Shipping', hi: 'शिपिंग' }, 'hi')).toBe('शिपिंग');
    expect(localized({ en: 'Shipping', hi: 'शिपिंग' }, 'kn')).toBe('Shipping');
    expect(localized({ kn: 'ಸಾಗಣೆ' }, 'hi')).toBe('ಸಾಗಣೆ');
  });
});
