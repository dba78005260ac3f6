import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import { shipment } from '../../testing/shipmentFixtures';
import { summary } from '../commerce/testData';
import ContactScreen from './ContactScreen.vue';
import { contact, organisation } from './testData';

let server: FakeApi;

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', '/api/v1/agents', {
    data: [agent(), agent({ id: 8, name: 'Arjun Shetty' })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/groups', { data: [group()], next_cursor: null });
  server.on('GET', '/api/v1/contacts/31', contact());
  server.on('GET', '/api/v1/contacts/31/tickets', (call) =>
    call.query.get('cursor') === 'c2'
      ? json(200, { data: [ticket({ id: 990, number: 990, subject: 'Old refund', status: 'closed' })], next_cursor: null })
      : json(200, {
          data: [ticket({ id: 1042 }), ticket({ id: 1001, number: 1001, channel: 'chat', status: 'solved' })],
          next_cursor: 'c2',
        }),
  );
  server.on('GET', '/api/v1/organisations/3', organisation());
  server.on('GET', '/api/v1/contacts/31/shipments', { data: [shipment()] });
  server.on('GET', '/api/v1/contacts/31/commerce', summary());
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T08:35:00.000Z'));
  serve('en');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ContactScreen', () => {
  it('shows the profile, the organisation, the shipments, orders, invoices and contracts', async () => {
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    const heading = wrapper.get('[data-testid=contact-name]');
    expect(heading.element.tagName).toBe('H1');
    expect(heading.text()).toBe('रवि कुमार');
    expect(heading.attributes('lang')).toBe('hi');
    expect(wrapper.get('.contact-since').text()).toBe('Customer since Mar 14, 2025');

    const profile = wrapper.get('.contact-facts').text();
    expect(profile).toContain('ravi@example.in');
    expect(profile).toContain('हिन्दी');
    expect(profile).toContain('2:05 PM in Asia/Kolkata');

    const org = wrapper.get('.organisation-card');
    expect(org.get('h2').text()).toBe('Organisation');
    expect(org.text()).toContain('Dakshin Logistics');
    expect(org.text()).toContain('dakshinlogistics.in');
    expect(org.get('[data-testid=org-tier]').text()).toBe('Premium');
    expect(org.text()).toContain('Arjun Shetty');
    expect(org.text()).toContain('Bulk customer, pickup every Monday.');

    const shipments = wrapper.get('.contact-side [data-testid=shipments-panel]');
    expect(shipments.get('h2').text()).toBe('Shipments');
    expect(shipments.get('.shipment-number').text()).toBe('BD123456789IN');
    expect(shipments.get('[data-testid=shipment-status]').text()).toBe('Delivery failed');
    expect(shipments.get('[data-testid=shipment-late]').text()).toBe('Late');

    const side = wrapper.get('.contact-side');
    expect(side.findAll('h2').map((h) => h.text()).slice(-4)).toEqual([
      'Shipments',
      'Orders',
      'Invoices',
      'Contracts',
    ]);
    const orders = side.get('[data-testid=orders-panel]');
    expect(orders.classes()).toContain('card');
    expect(orders.get('[data-testid=order-card] .commerce-number').text()).toBe('OD1001');
    expect(orders.get('[data-testid=order-total]').text()).toBe('₹2,298.00');
    const invoices = side.get('[data-testid=invoices-panel]');
    expect(invoices.get('[data-testid=invoice-state]').text()).toBe('Overdue');
    expect(invoices.get('[data-testid=invoice-pdf]').attributes('download')).toBeDefined();
    const contracts = side.get('[data-testid=contract-card]');
    expect(contracts.get('[data-testid=contract-manager]').text()).toBe('Arjun Shetty');
    expect(server.callsTo('GET', '/api/v1/contacts/31/commerce')).toHaveLength(1);
    wrapper.unmount();
  });

  it('lists every ticket of the customer and loads more on request', async () => {
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    let items = wrapper.findAll('[data-testid=customer-ticket]');
    expect(items.map((i) => i.get('a').attributes('href'))).toEqual(['/tickets/1042', '/tickets/1001']);
    expect(items[1]!.text()).toContain('via chat');
    expect(items[1]!.get('.status-badge').text()).toBe('Solved');

    const more = wrapper.get('.contact-main button.secondary');
    expect(more.text()).toBe('Load more tickets');
    await more.trigger('click');
    await flushPromises();
    items = wrapper.findAll('[data-testid=customer-ticket]');
    expect(items).toHaveLength(3);
    expect(items[2]!.text()).toContain('Old refund');
    expect(wrapper.text()).not.toContain('Load more tickets');
    wrapper.unmount();
  });

  it('saves only what changed, with If-Match, and says so', async () => {
    server.on('PATCH', '/api/v1/contacts/31', (call) =>
      json(200, contact({ ...(call.body as object), version: 5 })),
    );
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    await wrapper.get('.contact-head button').trigger('click');
    const form = wrapper.get('form.contact-edit');
    expect(form.get('label[for$=-name]').text()).toBe('Name');
    expect(document.activeElement).toBe(form.get('input[type=text]').element);
    await form.get('input[type=text]').setValue('Ravi Kumar');
    await form.get('select').setValue('kn');
    await form.get('form button[type=submit]').trigger('submit');
    await flushPromises();

    const patch = server.callsTo('PATCH', '/api/v1/contacts/31')[0]!;
    expect(patch.body).toEqual({ name: 'Ravi Kumar', language: 'kn' });
    expect(patch.headers.get('If-Match')).toBe('"4"');
    expect(patch.headers.get('X-CSRF-Token')).toBe('csrf-t');
    expect(wrapper.find('form.contact-edit').exists()).toBe(false);
    expect(wrapper.get('[data-testid=contact-name]').text()).toBe('Ravi Kumar');
    expect(wrapper.get('.contact-facts').text()).toContain('ಕನ್ನಡ');
    expect(wrapper.get('[role=status][aria-live]').text()).toBe('Customer details saved.');
    expect(document.activeElement).toBe(wrapper.get('.contact-head button').element);
    wrapper.unmount();
  });

  it('explains beside the field an e-mail another customer has (409) and a refused phone (422)', async () => {
    server.on('PATCH', '/api/v1/contacts/31', problem(409, 'already-exists', 'taken', [{ field: 'email', message: 'exists' }]));
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    await wrapper.get('.contact-head button').trigger('click');
    const email = wrapper.get('input[type=email]');
    await email.setValue('anita@example.in');
    await wrapper.get('form.contact-edit').trigger('submit');
    await flushPromises();
    expect(email.attributes('aria-invalid')).toBe('true');
    const error = wrapper.get(`#${email.attributes('aria-describedby')}`);
    expect(error.text()).toBe('Another customer already has this email address.');
    expect(document.activeElement).toBe(email.element);
    // The draft stays for the agent to correct; the profile shows what is saved.
    expect((email.element as HTMLInputElement).value).toBe('anita@example.in');

    server.on('PATCH', '/api/v1/contacts/31', problem(422, 'validation', 'bad', [{ field: 'phone', message: 'is not a phone number' }]));
    await email.setValue('ravi@example.in');
    await wrapper.get('input[type=tel]').setValue('12');
    await wrapper.get('form.contact-edit').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/contacts/31')[1]!.body).toEqual({ phone: '12' });
    const phone = wrapper.get('input[type=tel]');
    expect(phone.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('.field-error').text()).toContain('Enter a valid phone number');
    expect(email.attributes('aria-invalid')).toBeUndefined();

    await wrapper.get('.edit-actions button[type=button]').trigger('click');
    expect(wrapper.get('.contact-facts').text()).toContain('+919845012345');
    wrapper.unmount();
  });

  it('reloads after someone else changed the customer (412) and keeps the agent’s edit', async () => {
    server.on('PATCH', '/api/v1/contacts/31', problem(412, 'precondition-failed'));
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'en' });
    await wrapper.get('.contact-head button').trigger('click');
    server.on('GET', '/api/v1/contacts/31', contact({ time_zone: 'Asia/Dubai', version: 6 }));
    await wrapper.get('input[type=tel]').setValue('+919800000000');
    await wrapper.get('form.contact-edit').trigger('submit');
    await flushPromises();
    expect(wrapper.get('form [role=alert]').text()).toContain('Someone else changed this customer');
    const zone = wrapper.get<HTMLInputElement>('input[list]');
    expect(zone.element.value).toBe('Asia/Dubai');
    expect(wrapper.get<HTMLInputElement>('input[type=tel]').element.value).toBe('+919800000000');

    server.on('PATCH', '/api/v1/contacts/31', (call) => json(200, contact({ ...(call.body as object), version: 7 })));
    await wrapper.get('form.contact-edit').trigger('submit');
    await flushPromises();
    const second = server.callsTo('PATCH', '/api/v1/contacts/31')[1]!;
    expect(second.body).toEqual({ phone: '+919800000000' });
    expect(second.headers.get('If-Match')).toBe('"6"');
    wrapper.unmount();
  });

  it('says clearly when the customer does not exist', async () => {
    server.on('GET', '/api/v1/contacts/404', problem(404, 'not-found'));
    server.on('GET', '/api/v1/contacts/404/tickets', problem(404, 'not-found'));
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/404', locale: 'en' });
    expect(wrapper.get('h1').text()).toBe('Customer not found');
    expect(wrapper.get('[role=alert]').text()).toContain('This customer was not found.');
    expect(wrapper.find('[data-testid=contact-name]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows a failure in words and tries again', async () => {
    serve('kn');
    server.on('GET', '/api/v1/contacts/31', problem(503, 'unavailable'));
    const { wrapper } = await mountScreen(ContactScreen, { path: '/contacts/31', locale: 'kn' });
    expect(wrapper.get('[role=alert]').text()).toContain('ಸರ್ವರ್ ಕಾರ್ಯನಿರತವಾಗಿದೆ');
    server.on('GET', '/api/v1/contacts/31', contact());
    await wrapper.get('button.secondary').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=contact-name]').text()).toBe('रवि कुमार');
    wrapper.unmount();
  });
});
