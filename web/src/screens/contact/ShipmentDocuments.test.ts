// The documents an international parcel needs, as an agent sees them on its shipment card: in
// the ticket's linked shipments (the sidebar) and on the contact page, with each document's
// note, the KB article that explains it (opened in the console) and its public page when the
// help centre shows it. A domestic parcel shows no such list.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { RequiredDocument } from '../../api/shipments';
import type { Language } from '../../api/types';
import { FakeApi } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { linked, shipment } from '../../testing/shipmentFixtures';
import TicketShipments from '../ticket/TicketShipments.vue';
import ShipmentsPanel from './ShipmentsPanel.vue';

let server: FakeApi;

const documents: RequiredDocument[] = [
  {
    code: 'commercial_invoice',
    name: 'Commercial invoice',
    note: 'Value in ₹ and US$, and the HS code of every item.',
    article: { id: 7, title: 'Customs and documents for international shipments', language: 'en', url: '/help/en/articles/7' },
  },
  {
    code: 'kyc',
    name: "Exporter's KYC (Aadhaar or PAN)",
    note: '',
    article: { id: 12, title: 'Checking export documents before pickup', language: 'en', url: null },
  },
  { code: 'hs_codes', name: 'HS codes', note: '', article: null },
];

const abroad = shipment({
  id: 51,
  tracking_number: 'SHY100200300IN',
  origin: { city: 'Bengaluru', pin: '560001', country: 'IN' },
  destination: { city: 'Austin', pin: '73301', country: 'US' },
  documents_required: documents,
});
const atHome = shipment({ id: 52, tracking_number: 'SHY100200301IN', documents_required: [] });

const TicketHost = defineComponent({ setup: () => () => h(TicketShipments, { ticketId: 1042 }) });
const ContactHost = defineComponent({ setup: () => () => h(ShipmentsPanel, { contactId: 31 }) });

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'c' });
  server.on('GET', '/api/v1/tickets/1042/shipments', { data: [linked(abroad), linked(atHome)] });
  server.on('GET', '/api/v1/contacts/31/shipments', { data: [abroad, atHome] });
}

function card(wrapper: VueWrapper, number: string) {
  return wrapper.get(`[data-testid=shipment-card][data-tracking-number=${number}]`);
}

beforeEach(() => serve('en'));

describe('ShipmentDocuments', () => {
  it('lists what customs need on the ticket’s shipment, with notes and article links', async () => {
    const { wrapper } = await mountScreen(TicketHost, { path: '/tickets/1042', locale: 'en' });
    await flushPromises();
    const section = card(wrapper, 'SHY100200300IN').get('[data-testid=shipment-documents]');
    expect(section.get('h3').text()).toBe('Documents required for United States');
    const items = section.findAll('[data-testid=shipment-document]');
    expect(items.map((i) => i.attributes('data-code'))).toEqual(['commercial_invoice', 'kyc', 'hs_codes']);
    expect(items[0]!.get('.shipment-document-name').text()).toBe('Commercial invoice');
    expect(items[0]!.get('.shipment-document-note').text()).toBe('Value in ₹ and US$, and the HS code of every item.');
    const article = items[0]!.get('[data-testid=shipment-document-article]');
    expect(article.text()).toBe('Customs and documents for international shipments');
    expect(article.attributes('href')).toBe('/kb/articles/7');
    expect(article.attributes('aria-label')).toBe(
      'Customs and documents for international shipments: how to prepare the Commercial invoice',
    );
    expect(items[0]!.get('[data-testid=shipment-document-public]').attributes('href')).toBe('/help/en/articles/7');
    // An internal article: the console link only, no public page to send a customer.
    expect(items[1]!.get('[data-testid=shipment-document-article]').attributes('href')).toBe('/kb/articles/12');
    expect(items[1]!.find('[data-testid=shipment-document-public]').exists()).toBe(false);
    expect(items[1]!.find('.shipment-document-note').exists()).toBe(false);
    // No article named: just the document.
    expect(items[2]!.find('a').exists()).toBe(false);
    expect(card(wrapper, 'SHY100200301IN').find('[data-testid=shipment-documents]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('the article link opens the article in the console’s knowledge base', async () => {
    const { wrapper, router } = await mountScreen(TicketHost, { path: '/tickets/1042', locale: 'en' });
    await flushPromises();
    server.on('GET', '/api/v1/kb/articles/7', { id: 7 });
    await card(wrapper, 'SHY100200300IN').get('[data-testid=shipment-document-article]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('kb-article'), { timeout: 5000 });
    expect(router.currentRoute.value.params.id).toBe('7');
    wrapper.unmount();
  });

  it('shows the same list on the contact page, in the agent’s language', async () => {
    serve('hi');
    const { wrapper } = await mountScreen(ContactHost, { path: '/contacts/31', locale: 'hi' });
    await flushPromises();
    const heading = card(wrapper, 'SHY100200300IN').get('[data-testid=shipment-documents] h3').text();
    const us = new Intl.DisplayNames(['hi'], { type: 'region' }).of('US')!;
    expect(heading).toBe(`${us} के लिए ज़रूरी दस्तावेज़`);
    expect(heading).not.toContain('US');
    expect(card(wrapper, 'SHY100200300IN').findAll('[data-testid=shipment-document]')).toHaveLength(3);
    expect(card(wrapper, 'SHY100200301IN').find('[data-testid=shipment-documents]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('a server that sends no list shows none', async () => {
    const old = { ...abroad } as Partial<typeof abroad>;
    delete old.documents_required;
    server.on('GET', '/api/v1/contacts/31/shipments', { data: [old] });
    const { wrapper } = await mountScreen(ContactHost, { path: '/contacts/31', locale: 'kn' });
    await flushPromises();
    expect(wrapper.findAll('[data-testid=shipment-card]')).toHaveLength(1);
    expect(wrapper.find('[data-testid=shipment-documents]').exists()).toBe(false);
    wrapper.unmount();
  });
});
