// Admin → Shipment documents, as an admin uses it: the rules listed by destination with their
// documents and articles; a new rule built from the usual documents, an article found by
// searching the knowledge base, the server's refusals beside the fields they name; an edit that
// sends only what changed with If-Match; deletion after a question; and the screen in Hindi.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DocumentRule } from '../../api/shipmentDocuments';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ShipmentDocumentsAdmin from './ShipmentDocumentsAdmin.vue';

const T0 = '2026-12-01T10:00:00.000Z';
const BASE = '/api/v1/shipment-document-rules';

function rule(over: Partial<DocumentRule> = {}): DocumentRule {
  return {
    id: 3,
    destination_country: 'US',
    origin_country: '',
    documents: [
      {
        code: 'commercial_invoice',
        name: 'Commercial invoice',
        note: 'With HS codes',
        kb_article_id: 7,
        article: { id: 7, title: 'Customs documents', language: 'en', url: '/help/en/articles/7' },
      },
    ],
    created_at: T0,
    updated_at: T0,
    version: 2,
    ...over,
  };
}

let server: FakeApi;

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language }), csrf_token: 'c' });
  server.on('GET', BASE, {
    data: [
      rule(),
      rule({ id: 4, destination_country: '*', documents: [] }),
      rule({
        id: 5,
        destination_country: 'AE',
        origin_country: 'IN',
        documents: [
          { code: 'kyc', name: 'KYC', note: '', kb_article_id: 99, article: null },
        ],
      }),
    ],
    next_cursor: null,
  });
}

beforeEach(() => serve());

const rows = (w: VueWrapper) => w.findAll('[data-testid="rule-row"]');

async function mountAdmin(locale: Language = 'en') {
  return mountScreen(ShipmentDocumentsAdmin, { path: '/admin/shipment-documents', locale });
}

describe('ShipmentDocumentsAdmin', () => {
  it('lists the rules by destination, every destination last, with their documents', async () => {
    const { wrapper, router } = await mountAdmin();
    expect(router.currentRoute.value.name).toBe('admin-shipment-documents');
    expect(wrapper.get('h1').text()).toBe('Shipment documents');
    const list = rows(wrapper);
    expect(list.map((r) => r.attributes('data-destination'))).toEqual(['AE', 'US', '*']);
    expect(list[0]!.get('th').text()).toContain('United Arab Emirates');
    expect(list[0]!.findAll('td')[0]!.text()).toBe('India');
    expect(list[0]!.text()).toContain('the article was deleted');
    expect(list[1]!.findAll('td')[0]!.text()).toBe('Any origin');
    const link = list[1]!.get('a');
    expect(link.text()).toBe('Customs documents');
    expect(link.attributes('href')).toBe('/kb/articles/7');
    expect(list[2]!.get('th').text()).toBe('Every international destination');
    expect(list[2]!.text()).toContain('None needed');
    wrapper.unmount();
  });

  it('adds a rule with the usual documents and an article found in the knowledge base', async () => {
    server.on('GET', '/api/v1/search', (call) => {
      expect(call.query.get('type')).toBe('article');
      expect(call.query.get('q')).toBe('HS code');
      return json(200, {
        data: [
          { id: 21, title: 'Finding the HS code of your goods', snippet: '', fields: { language: 'en', status: 'published', visibility: 'public' } },
          { id: 21, title: 'अपने सामान का HS कोड', snippet: '', fields: { language: 'hi', status: 'published', visibility: 'public' } },
          { id: 12, title: 'Checking export documents', snippet: '', fields: { language: 'en', visibility: 'internal' } },
        ],
      });
    });
    server.on('POST', BASE, (call) =>
      json(201, rule({ id: 9, destination_country: 'GB', origin_country: 'IN', ...(call.body as object), documents: [] })),
    );
    const { wrapper } = await mountAdmin();
    await wrapper.get('[data-testid="rule-create"]').trigger('click');
    await wrapper.get('#rule-destination').setValue('gb');
    expect(wrapper.get('#rule-destination-hint').text()).toBe('United Kingdom');
    await wrapper.get('#rule-origin').setValue('IN');
    const common = wrapper.findAll('[data-testid="rule-add-common"]');
    expect(common.map((b) => b.attributes('data-code'))).toEqual(['commercial_invoice', 'packing_list', 'kyc', 'hs_codes']);
    await common[0]!.trigger('click');
    await wrapper.get('[data-testid="rule-add-common"][data-code="hs_codes"]').trigger('click');
    // Added ones are no longer offered.
    expect(wrapper.findAll('[data-testid="rule-add-common"]').map((b) => b.attributes('data-code'))).toEqual([
      'packing_list',
      'kyc',
    ]);
    const docs = wrapper.findAll('[data-testid="rule-document"]');
    expect(docs).toHaveLength(2);
    expect((wrapper.get('#rule-doc-1-name').element as HTMLInputElement).value).toBe('HS codes');
    // Find the article for HS codes; Enter searches and does not submit the rule.
    const picker = docs[1]!.get('[data-testid="kb-picker"]');
    await picker.get('[data-testid="kb-picker-query"]').setValue('HS code');
    await picker.get('[data-testid="kb-picker-query"]').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(server.callsTo('POST', BASE)).toHaveLength(0);
    const results = picker.findAll('[data-testid="kb-picker-result"]');
    expect(results.map((r) => r.text())).toEqual(['Finding the HS code of your goods', 'Checking export documents']);
    expect(picker.text()).toContain('(internal)');
    await results[0]!.trigger('click');
    expect(wrapper.findAll('[data-testid="rule-document"]')[1]!.get('[data-testid="kb-picker-chosen"]').text()).toContain(
      'Finding the HS code of your goods',
    );

    await wrapper.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();
    const posts = server.callsTo('POST', BASE);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({
      destination_country: 'GB',
      origin_country: 'IN',
      documents: [
        {
          code: 'commercial_invoice',
          name: 'Commercial invoice',
          note: 'Sender, receiver, description, quantity, value and HS code of every item.',
          kb_article_id: null,
        },
        {
          code: 'hs_codes',
          name: 'HS codes',
          note: 'The HS code of every item on the invoice (eight digits in India).',
          kb_article_id: 21,
        },
      ],
    });
    expect(wrapper.find('[data-testid="rule-editor"]').exists()).toBe(false);
    expect(wrapper.get('.live-notice').text()).toBe('Rule “United Kingdom (from India)” added.');
    expect(rows(wrapper).map((r) => r.attributes('data-destination'))).toContain('GB');
    wrapper.unmount();
  });

  it('shows the server’s refusals beside the fields they name', async () => {
    server.on('POST', BASE, () =>
      problem(422, 'validation', 'invalid', [
        { field: 'destination_country', message: 'must be an ISO 3166-1 two-letter country code such as US, or *' },
        { field: 'documents[0].code', message: "must be 1-40 characters of a-z, 0-9, '_' and '-'" },
        { field: 'documents[0].kb_article_id', message: "is not an article of this workspace's knowledge base" },
      ]),
    );
    const { wrapper } = await mountAdmin();
    await wrapper.get('[data-testid="rule-create"]').trigger('click');
    await wrapper.get('#rule-destination').setValue('ZZ');
    await wrapper.get('[data-testid="rule-add-document"]').trigger('click');
    await wrapper.get('#rule-doc-0-code').setValue('Commercial Invoice');
    await wrapper.get('#rule-doc-0-name').setValue('Invoice');
    await wrapper.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="rule-editor"] [role="alert"]').text()).toBe(
      'Some values were not accepted. Check the fields marked below.',
    );
    expect(wrapper.get('#rule-destination').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#rule-destination-error').text()).toBe(
      'must be an ISO 3166-1 two-letter country code such as US, or *',
    );
    expect(wrapper.get('#rule-doc-0-code').attributes('aria-invalid')).toBe('true');
    expect(wrapper.findAll('[data-testid="rule-doc-error"]').map((e) => e.text())).toEqual([
      "must be 1-40 characters of a-z, 0-9, '_' and '-'",
      "is not an article of this workspace's knowledge base",
    ]);
    expect(rows(wrapper)).toHaveLength(3);
    wrapper.unmount();
  });

  it('edits a rule, sending only what changed with If-Match, and deletes one after asking', async () => {
    server.on('PATCH', `${BASE}/3`, (call) => json(200, rule({ version: 3, ...(call.body as object), documents: [] })));
    server.on('DELETE', `${BASE}/4`, () => json(204, null));
    const { wrapper } = await mountAdmin();
    const us = rows(wrapper)[1]!;
    await us.get('button').trigger('click');
    expect(wrapper.get('#rule-form-heading').text()).toBe('Documents for United States');
    expect(wrapper.get('[data-testid="rule-save"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="kb-picker-chosen"]').text()).toContain('Customs documents');
    await wrapper.get('#rule-origin').setValue('in');
    await wrapper.get('[data-testid="rule-editor"]').trigger('submit');
    await flushPromises();
    const patches = server.callsTo('PATCH', `${BASE}/3`);
    expect(patches).toHaveLength(1);
    expect(patches[0]!.body).toEqual({ origin_country: 'IN' });
    expect(patches[0]!.headers.get('If-Match')).toBe('"2"');

    const star = rows(wrapper).find((r) => r.attributes('data-destination') === '*')!;
    await star.get('[data-testid="rule-delete"]').trigger('click');
    expect(server.callsTo('DELETE', `${BASE}/4`)).toHaveLength(0);
    await star.get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', `${BASE}/4`)).toHaveLength(1);
    expect(rows(wrapper).map((r) => r.attributes('data-destination'))).not.toContain('*');
    expect(wrapper.get('.live-notice').text()).toBe('Rule “Every international destination” deleted.');
    wrapper.unmount();
  });

  it('speaks Hindi', async () => {
    serve('hi');
    const { wrapper } = await mountAdmin('hi');
    expect(wrapper.get('h1').text()).toBe('शिपमेंट के दस्तावेज़');
    expect(rows(wrapper)[0]!.findAll('td')[0]!.text()).toBe(new Intl.DisplayNames(['hi'], { type: 'region' }).of('IN'));
    expect(wrapper.text()).toContain('हर अंतरराष्ट्रीय गंतव्य');
    wrapper.unmount();
  });
});
