import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import type { Language } from '../../api/types';
import { FakeApi, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import InvoicesPanel from './InvoicesPanel.vue';
import { commerceHost, invoice, summary } from './testData';

let server: FakeApi;
const PATH = '/api/v1/contacts/31/commerce';
const contactId = ref(31);
const Host = commerceHost(InvoicesPanel, 'contact', contactId);

/** Overdue first, then open, then the newest others: the server's order. */
const invoices = [
  invoice(),
  invoice({
    id: 6,
    number: 'INV/2026-27/0050',
    order_number: '',
    total: '2360.00',
    amount_paid: '1000.00',
    balance: '1360.00',
    issued_on: '2026-12-01',
    due_on: '2026-12-15',
    state: 'open',
    pdf: { source: 'uploaded', url: '/api/v1/invoices/6/pdf' },
  }),
  invoice({
    id: 4,
    number: 'INV/2026-27/0031',
    status: 'paid',
    state: 'paid',
    amount_paid: '11800.00',
    balance: '0.00',
    pdf: { source: 'generated', url: '/api/v1/invoices/4/pdf' },
  }),
  invoice({
    id: 3,
    number: 'INV/2026-27/0020',
    status: 'void',
    state: 'void',
    pdf: { source: 'generated', url: 'javascript:alert(1)' },
  }),
];

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', PATH, summary({ invoices }));
}

async function mountPanel(locale: Language = 'en'): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale });
  return wrapper;
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function facts(card: Omit<DOMWrapper<Element>, 'exists'>): string[][] {
  return card
    .findAll('.commerce-facts > div')
    .map((d) => [words(d.get('dt').text()), words(d.get('dd').text())]);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
  contactId.value = 31;
  serve('en');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('InvoicesPanel', () => {
  it('lists the invoices with their state, dates, total and what is still owed', async () => {
    const wrapper = await mountPanel();
    expect(wrapper.get('h3').text()).toBe('Invoices');
    const cards = wrapper.findAll('[data-testid=invoice-card]');
    expect(cards.map((c) => c.get('.commerce-number').text())).toEqual([
      'INV/2026-27/0042',
      'INV/2026-27/0050',
      'INV/2026-27/0031',
      'INV/2026-27/0020',
    ]);
    expect(cards.map((c) => c.get('[data-testid=invoice-state]').text())).toEqual([
      'Overdue',
      'Open',
      'Paid',
      'Void',
    ]);

    const [overdue, open, paid, cancelled] = cards;
    expect(overdue!.get('[data-testid=invoice-total]').text()).toBe('₹11,800.00');
    expect(facts(overdue!)).toEqual([
      ['Issued', 'Nov 1, 2026'],
      ['Due', 'Nov 15, 2026'],
      ['Balance due', '₹11,800.00'],
      ['Order', 'OD1001'],
    ]);
    expect(facts(open!)).toEqual([
      ['Issued', 'Dec 1, 2026'],
      ['Due', 'Dec 15, 2026'],
      ['Balance due', '₹1,360.00'],
    ]);
    expect(paid!.get('[data-testid=invoice-balance]').text()).toBe('₹0.00');
    // A void invoice owes nothing: no balance row.
    expect(cancelled!.find('[data-testid=invoice-balance]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('marks the overdue invoice so it cannot be missed', async () => {
    const wrapper = await mountPanel();
    const [overdue, open] = wrapper.findAll('[data-testid=invoice-card]');
    expect(overdue!.classes()).toContain('invoice-overdue');
    expect(overdue!.attributes('data-state')).toBe('overdue');
    const badge = overdue!.get('[data-testid=invoice-state]');
    expect(badge.classes()).toContain('tone-warning');
    expect(badge.attributes('title')).toBe('Past its due date and not fully paid');
    expect(overdue!.get('[data-testid=invoice-due]').classes()).toContain('commerce-warning');
    expect(overdue!.get('[data-testid=invoice-balance]').classes()).toContain('commerce-warning');

    expect(open!.classes()).not.toContain('invoice-overdue');
    expect(open!.get('[data-testid=invoice-state]').classes()).toContain('tone-moving');
    expect(open!.get('[data-testid=invoice-due]').classes()).not.toContain('commerce-warning');
    wrapper.unmount();
  });

  it('offers each invoice’s PDF to download, uploaded or generated, and no unsafe link', async () => {
    const wrapper = await mountPanel();
    const cards = wrapper.findAll('[data-testid=invoice-card]');
    const pdf = cards[0]!.get('a[data-testid=invoice-pdf]');
    expect(pdf.text()).toBe('Download PDF');
    expect(pdf.attributes('href')).toBe('/api/v1/invoices/5/pdf');
    expect(pdf.attributes('download')).toBeDefined();
    expect(pdf.attributes('aria-label')).toBe('Download invoice INV/2026-27/0042 as PDF');
    expect(cards[1]!.get('[data-testid=invoice-pdf]').attributes('href')).toBe('/api/v1/invoices/6/pdf');
    expect(cards[3]!.find('[data-testid=invoice-pdf]').exists()).toBe(false);
    expect(wrapper.html()).not.toContain('javascript:');
    wrapper.unmount();
  });

  it('says when the customer has no invoices', async () => {
    server.on('GET', PATH, summary({ invoices: [] }));
    const wrapper = await mountPanel();
    expect(wrapper.get('[data-testid=invoices-empty]').text()).toBe('No invoices yet.');
    wrapper.unmount();
  });

  it('says in words when the invoices cannot be loaded, and tries again on request', async () => {
    server.on('GET', PATH, problem(403, 'forbidden'));
    const wrapper = await mountPanel();
    expect(wrapper.get('[role=alert]').text()).toBe('Your role does not allow this.');
    server.on('GET', PATH, summary({ invoices }));
    await wrapper.get('button.secondary').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('[data-testid=invoice-card]')).toHaveLength(4);
    wrapper.unmount();
  });

  it('speaks Hindi', async () => {
    serve('hi');
    const wrapper = await mountPanel('hi');
    expect(wrapper.get('h3').text()).toBe('इनवॉइस');
    expect(wrapper.findAll('[data-testid=invoice-state]').map((b) => b.text())).toEqual([
      'अतिदेय',
      'खुला',
      'भुगतान हो गया',
      'रद्द',
    ]);
    const first = wrapper.get('[data-testid=invoice-card]');
    expect(facts(first).map(([term]) => term)).toEqual(['जारी', 'देय तिथि', 'बकाया', 'ऑर्डर']);
    expect(first.get('[data-testid=invoice-pdf]').text()).toBe('PDF डाउनलोड करें');
    expect(first.get('[data-testid=invoice-pdf]').attributes('aria-label')).toBe(
      'इनवॉइस INV/2026-27/0042 PDF के रूप में डाउनलोड करें',
    );
    wrapper.unmount();
  });

  it('speaks Kannada too', async () => {
    serve('kn');
    const wrapper = await mountPanel('kn');
    expect(wrapper.get('h3').text()).toBe('ಇನ್‌ವಾಯ್ಸ್‌ಗಳು');
    expect(wrapper.get('[data-testid=invoice-state]').text()).toBe('ಗಡುವು ಮೀರಿದೆ');
    expect(wrapper.get('[data-testid=invoice-pdf]').text()).toBe('PDF ಡೌನ್‌ಲೋಡ್ ಮಾಡಿ');
    wrapper.unmount();
  });
});
