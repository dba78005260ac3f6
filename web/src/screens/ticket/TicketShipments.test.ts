import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { linked, shipment } from '../../testing/shipmentFixtures';
import { contact } from '../contact/testData';
import TicketScreen from './TicketScreen.vue';
import TicketShipments from './TicketShipments.vue';

let server: FakeApi;
const PATH = '/api/v1/tickets/1042/shipments';

const Host = defineComponent({
  setup: () => () => h(TicketShipments, { ticketId: 1042 }),
});

const byAgent = linked(
  shipment({
    id: 9,
    carrier: { code: 'delhivery', name: 'Delhivery' },
    tracking_number: 'DL5550001',
    status: 'in_transit',
    late: false,
    created_at: '2026-11-28T08:00:00Z',
    last_event_at: null,
    events: [],
  }),
  { by: 'agent', linked_at: '2026-12-02T10:15:00Z' },
);

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', PATH, { data: [byAgent, linked(shipment())] });
}

async function mountPanel(locale: Language = 'en'): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale });
  return wrapper;
}

function numbers(wrapper: VueWrapper): string[] {
  return wrapper.findAll('[data-testid=shipment-card]').map((c) => c.get('.shipment-number').text());
}

async function linkNumber(wrapper: VueWrapper, number: string): Promise<void> {
  await wrapper.get('[data-testid=shipment-link-form] input').setValue(number);
  await wrapper.get('[data-testid=shipment-link-form]').trigger('submit');
  await flushPromises();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
  serve('en');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TicketShipments', () => {
  it('lists the linked shipments as the customer panel shows them, saying how each was linked', async () => {
    const wrapper = await mountPanel();
    expect(wrapper.get('h2').text()).toBe('Linked shipments');
    expect(numbers(wrapper)).toEqual(['BD123456789IN', 'DL5550001']);
    const [auto, manual] = wrapper.findAll('[data-testid=shipment-card]');
    const autoLink = auto!.get('[data-testid=shipment-linked]');
    expect(autoLink.text()).toBe('Linked automatically');
    expect(autoLink.attributes('data-by')).toBe('auto');
    expect(autoLink.attributes('title')).toMatch(/^Linked on Dec 3, 2026/);
    expect(auto!.get('[data-testid=shipment-status]').text()).toBe('Delivery failed');
    expect(auto!.get('[data-testid=shipment-late]').text()).toBe('Late');
    expect(auto!.get('a[target=_blank] .shipment-number').text()).toBe('BD123456789IN');
    const manualLink = manual!.get('[data-testid=shipment-linked]');
    expect(manualLink.text()).toBe('Linked by an agent');
    expect(manualLink.attributes('data-by')).toBe('agent');
    expect(manual!.get('[data-testid=shipment-status]').text()).toBe('In transit');
    expect(manual!.get('[data-testid=shipment-last-event] dd').text()).toBe('No tracking updates yet.');
    expect(manual!.get('[data-testid=shipment-unlink]').attributes('aria-label')).toBe(
      'Unlink shipment DL5550001 from this ticket',
    );
    wrapper.unmount();
  });

  it('links a shipment by its tracking number and shows its card', async () => {
    server.on('GET', PATH, { data: [] });
    const added = shipment({ id: 40, tracking_number: 'XB998877IN', status: 'out_for_delivery', late: false });
    server.on('POST', PATH, () =>
      json(201, linked(added, { by: 'agent', linked_at: '2026-12-04T05:30:00Z' })),
    );
    const wrapper = await mountPanel();
    expect(wrapper.get('[data-testid=ticket-shipments-empty]').text()).toBe(
      'No shipments are linked to this ticket.',
    );

    await linkNumber(wrapper, '  XB998877IN ');
    const posts = server.callsTo('POST', PATH);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ tracking_number: 'XB998877IN' });
    expect(numbers(wrapper)).toEqual(['XB998877IN']);
    const card = wrapper.get('[data-testid=shipment-card]');
    expect(card.get('[data-testid=shipment-status]').text()).toBe('Out for delivery');
    // Linked by the agent just now: not "automatically".
    expect(card.get('[data-testid=shipment-linked]').text()).toBe('Linked by an agent');
    expect((wrapper.get('[data-testid=shipment-link-form] input').element as HTMLInputElement).value).toBe('');
    expect(wrapper.find('[data-testid=ticket-shipments-empty]').exists()).toBe(false);
    expect(wrapper.get('.ticket-shipments > [role=status]').text()).toBe('Shipment XB998877IN linked.');
    wrapper.unmount();
  });

  it('a number already linked stays one card (200)', async () => {
    server.on('POST', PATH, () => json(200, byAgent));
    const wrapper = await mountPanel();
    await linkNumber(wrapper, 'DL5550001');
    expect(numbers(wrapper)).toEqual(['DL5550001', 'BD123456789IN']);
    expect(wrapper.get('.ticket-shipments > [role=status]').text()).toBe(
      'Shipment DL5550001 was already linked.',
    );
    wrapper.unmount();
  });

  it('keeps the link the server reports for a shipment it had linked automatically', async () => {
    server.on('GET', PATH, { data: [] });
    server.on('POST', PATH, () => json(200, linked(shipment())));
    const wrapper = await mountPanel();
    await linkNumber(wrapper, 'BD123456789IN');
    expect(numbers(wrapper)).toEqual(['BD123456789IN']);
    expect(wrapper.get('[data-testid=shipment-linked]').text()).toBe('Linked automatically');
    wrapper.unmount();
  });

  it('shows the server’s reason when no shipment has the number', async () => {
    server.on('POST', PATH, problem(404, 'not-found', 'No shipment has the tracking number ZZ404.'));
    const wrapper = await mountPanel();
    await linkNumber(wrapper, 'ZZ404');
    const form = wrapper.get('[data-testid=shipment-link-form]');
    expect(form.get('[role=alert]').text()).toBe(
      'The shipment could not be linked: No shipment has the tracking number ZZ404.',
    );
    expect(form.get('input').attributes('aria-invalid')).toBe('true');
    expect((form.get('input').element as HTMLInputElement).value).toBe('ZZ404');
    expect(numbers(wrapper)).toEqual(['BD123456789IN', 'DL5550001']);
    wrapper.unmount();
  });

  it('says so in its own words when a 404 comes without a reason', async () => {
    server.on('POST', PATH, problem(404, 'not-found'));
    const wrapper = await mountPanel();
    await linkNumber(wrapper, 'ZZ404');
    expect(wrapper.get('[data-testid=shipment-link-form] [role=alert]').text()).toBe(
      'No shipment has the tracking number ZZ404.',
    );
    wrapper.unmount();
  });

  it('unlinks a shipment and removes its card', async () => {
    server.on('DELETE', `${PATH}/9`, () => json(204, null));
    const wrapper = await mountPanel();
    await wrapper.findAll('[data-testid=shipment-unlink]')[1]!.trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', `${PATH}/9`)).toHaveLength(1);
    expect(numbers(wrapper)).toEqual(['BD123456789IN']);
    expect(wrapper.get('.ticket-shipments > [role=status]').text()).toBe('Shipment DL5550001 unlinked.');
    wrapper.unmount();
  });

  it('keeps the card and says why when unlinking fails', async () => {
    server.on('DELETE', `${PATH}/12`, problem(503, 'unavailable'));
    const wrapper = await mountPanel();
    await wrapper.findAll('[data-testid=shipment-unlink]')[0]!.trigger('click');
    await flushPromises();
    expect(numbers(wrapper)).toEqual(['BD123456789IN', 'DL5550001']);
    expect(wrapper.get('[role=alert]').text()).toBe(
      'The server is busy or under maintenance. Try again shortly.',
    );
    wrapper.unmount();
  });

  it('says in words when the linked shipments cannot be loaded', async () => {
    server.on('GET', PATH, problem(403, 'forbidden'));
    const wrapper = await mountPanel();
    expect(wrapper.get('[role=alert]').text()).toBe('Your role does not allow this.');
    wrapper.unmount();
  });

  it('speaks Hindi', async () => {
    serve('hi');
    const wrapper = await mountPanel('hi');
    expect(wrapper.get('h2').text()).toBe('जुड़े हुए शिपमेंट');
    expect(wrapper.findAll('[data-testid=shipment-linked]').map((l) => l.text())).toEqual([
      'अपने-आप जोड़ा गया',
      'एजेंट ने जोड़ा',
    ]);
    expect(wrapper.findAll('[data-testid=shipment-status]').map((s) => s.text())).toEqual([
      'डिलीवरी नहीं हो सकी',
      'रास्ते में',
    ]);
    expect(wrapper.get('[data-testid=shipment-link-form] h3').text()).toBe('शिपमेंट जोड़ें');
    wrapper.unmount();
  });

  it('sits in the ticket page’s sidebar, beside the customer’s own shipments', async () => {
    server.on('GET', '/api/v1/agents', { data: [agent()], next_cursor: null });
    server.on('GET', '/api/v1/groups', { data: [group()], next_cursor: null });
    server.on('GET', '/api/v1/tickets/1042', ticket());
    server.on('GET', '/api/v1/tickets/1042/messages', { data: [], next_cursor: null });
    const requester = ticket().requester_id;
    server.on('GET', `/api/v1/contacts/${requester}`, contact({ id: requester, organisation_id: null }));
    server.on('GET', `/api/v1/contacts/${requester}/tickets`, { data: [], next_cursor: null });
    server.on('GET', `/api/v1/contacts/${requester}/shipments`, { data: [shipment(), byAgent] });
    const { wrapper } = await mountScreen(TicketScreen, { path: '/tickets/1042', locale: 'en' });
    const aside = wrapper.get('.ticket-aside');
    expect(aside.get('[data-testid=ticket-shipments] h2').text()).toBe('Linked shipments');
    expect(aside.findAll('[data-testid=ticket-shipments] [data-testid=shipment-card]')).toHaveLength(2);
    expect(aside.findAll('[data-testid=shipments-panel] [data-testid=shipment-card]')).toHaveLength(2);
    wrapper.unmount();
  });
});
