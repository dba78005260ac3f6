// The loader the three panels share: one request per owner, the request of an owner the agent
// left aborted and its late answer ignored, the organisation's route, and the error as a
// catalogue key.
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import InvoicesPanel from './InvoicesPanel.vue';
import OrdersPanel from './OrdersPanel.vue';
import { order, summary } from './testData';
import { useCommerce, type CommerceOwnerKind, type CommerceState } from './useCommerce';

let server: FakeApi;
const ownerId = ref(31);
let state: CommerceState | null = null;

/** Two panels fed by one loader, as the customer panel mounts them. */
function host(kind: CommerceOwnerKind) {
  return defineComponent({
    setup() {
      const commerce = useCommerce(kind, () => ownerId.value);
      state = commerce;
      return () => h('div', [h(OrdersPanel, { commerce }), h(InvoicesPanel, { commerce })]);
    },
  });
}

function signalOf(call: number): AbortSignal {
  return (server.fetch.mock.calls[call]![1] as RequestInit).signal!;
}

beforeEach(() => {
  ownerId.value = 31;
  state = null;
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent(), csrf_token: 'csrf-t' });
});

describe('useCommerce', () => {
  it('asks once for all the panels it feeds', async () => {
    server.on('GET', '/api/v1/contacts/31/commerce', summary());
    const { wrapper } = await mountScreen(host('contact'), { path: '/tickets/1042', locale: 'en' });
    expect(server.callsTo('GET', '/api/v1/contacts/31/commerce')).toHaveLength(1);
    expect(wrapper.findAll('[data-testid=order-card]')).toHaveLength(1);
    expect(wrapper.findAll('[data-testid=invoice-card]')).toHaveLength(1);
    expect(state?.loading).toBe(false);
    expect(state?.error).toBeNull();
    wrapper.unmount();
  });

  it('aborts the request of the customer the agent left and ignores its late answer', async () => {
    let answerFirst: (r: Response) => void = () => {};
    server.on('GET', '/api/v1/contacts/31/commerce', () => new Promise<Response>((r) => (answerFirst = r)));
    server.on('GET', '/api/v1/contacts/32/commerce', summary({ orders: [order({ id: 9, number: 'OD2002' })] }));
    const { wrapper } = await mountScreen(host('contact'), { path: '/tickets/1042', locale: 'en' });
    expect(wrapper.get('[data-testid=orders-panel] [role=status]').text()).toBe('Loading orders…');

    ownerId.value = 32;
    await flushPromises();
    const calls = server.fetch.mock.calls.map(([url]) => String(url));
    expect(signalOf(calls.findIndex((u) => u.includes('/contacts/31/'))).aborted).toBe(true);
    expect(signalOf(calls.findIndex((u) => u.includes('/contacts/32/'))).aborted).toBe(false);
    expect(wrapper.get('[data-testid=order-card] .commerce-number').text()).toBe('OD2002');

    answerFirst(json(200, summary({ orders: [order({ number: 'OD1001' })] })));
    await flushPromises();
    expect(wrapper.findAll('[data-testid=order-card]').map((c) => c.get('.commerce-number').text())).toEqual([
      'OD2002',
    ]);
    wrapper.unmount();
  });

  it('aborts what is in flight when the panels go away', async () => {
    server.on('GET', '/api/v1/contacts/31/commerce', () => new Promise<Response>(() => {}));
    const { wrapper } = await mountScreen(host('contact'), { path: '/tickets/1042', locale: 'en' });
    const call = server.fetch.mock.calls.findIndex(([url]) => String(url).includes('/commerce'));
    wrapper.unmount();
    expect(signalOf(call).aborted).toBe(true);
  });

  it('reads an organisation’s from its own route', async () => {
    ownerId.value = 3;
    server.on('GET', '/api/v1/organisations/3/commerce', summary({ orders: [] }));
    const { wrapper } = await mountScreen(host('organisation'), { path: '/tickets/1042', locale: 'en' });
    expect(server.callsTo('GET', '/api/v1/organisations/3/commerce')).toHaveLength(1);
    expect(wrapper.find('[data-testid=orders-empty]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('keeps why it failed as a catalogue key, so the text follows the language', async () => {
    server.on('GET', '/api/v1/contacts/31/commerce', problem(429, 'rate-limited'));
    const { wrapper } = await mountScreen(host('contact'), { path: '/tickets/1042', locale: 'en' });
    expect(state?.error).toBe('errors.rateLimited');
    expect(state?.summary).toBeNull();
    expect(wrapper.findAll('[role=alert]').map((a) => a.text())).toEqual([
      'Too many requests. Wait a moment and try again.',
      'Too many requests. Wait a moment and try again.',
    ]);
    wrapper.unmount();
  });
});
