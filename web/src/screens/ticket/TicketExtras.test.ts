// The ticket page beyond the basics: attachments, @mentions, custom fields, merge, history,
// presence and the page's shortcuts, through the fake API like a user would use them.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Language, Ticket } from '../../api/types';
import { installShortcutListener } from '../../composables/shortcuts';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group, message, ticket } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import TicketScreen from './TicketScreen.vue';

let server: FakeApi;
let stopShortcuts: (() => void) | null = null;

const FIELD = { created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z', version: 1 };

function serve(language: Language = 'en', over: Partial<Ticket> = {}) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', '/api/v1/agents', {
    data: [agent(), agent({ id: 8, name: 'Arjun Shetty' }), agent({ id: 9, name: 'Asha Nair' })],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/groups', { data: [group(), group({ id: 3, name: 'Repairs' })], next_cursor: null });
  server.on('GET', '/api/v1/custom-fields', {
    data: [
      { id: 1, key: 'order_id', label: 'Order ID', type: 'text', options: [], required: true, active: true, ...FIELD },
      { id: 2, key: 'amount_inr', label: 'Amount (₹)', type: 'number', options: [], required: false, active: true, ...FIELD },
      { id: 3, key: 'delivery_date', label: 'Delivery date', type: 'date', options: [], required: false, active: true, ...FIELD },
      { id: 4, key: 'courier', label: 'Courier', type: 'dropdown', options: ['BlueDart', 'DTDC'], required: false, active: true, ...FIELD },
      { id: 5, key: 'fragile', label: 'Fragile', type: 'checkbox', options: [], required: false, active: true, ...FIELD },
      { id: 6, key: 'old_code', label: 'Old code', type: 'text', options: [], required: false, active: false, ...FIELD },
    ],
    next_cursor: null,
  });
  server.on('GET', '/api/v1/tickets/1042', ticket({ custom_fields: { order_id: 'OD-77', courier: 'DTDC' }, ...over }));
  server.on('GET', '/api/v1/tickets/1042/messages', {
    data: [
      message({
        id: 1,
        attachments: [
          { id: 70, filename: 'parcel.jpg', mime_type: 'image/jpeg', size: 250_000 },
          { id: 71, filename: 'invoice.pdf', mime_type: 'application/pdf', size: 1_572_864 },
        ],
      }),
      message({
        id: 2,
        public: false,
        author: { type: 'agent', id: 7, name: 'Meera Rao' },
        body: '@Arjun Shetty please call the hub <b>now</b>',
        html: '<p>@Arjun Shetty please call the hub &lt;b&gt;now&lt;/b&gt;</p>',
      }),
    ],
    next_cursor: null,
  });
}

async function open(locale: Language = 'en') {
  const mounted = await mountScreen(TicketScreen, { path: '/tickets/1042', locale });
  await flushPromises();
  return mounted;
}

afterEach(() => {
  stopShortcuts?.();
  stopShortcuts = null;
  document.body.innerHTML = '';
});

describe('attachments', () => {
  beforeEach(() => serve());

  it('shows pictures as lazy thumbnails that open full size, other files as chips', async () => {
    const { wrapper } = await open();
    const first = wrapper.findAll('[data-testid=timeline-message]')[0]!;
    expect(first.attributes('data-public')).toBe('true');
    const img = first.get('.thumb img');
    expect(img.attributes('src')).toBe('/api/v1/attachments/70/content');
    expect(img.attributes('loading')).toBe('lazy');
    const chip = first.get('a.file-chip');
    expect(chip.attributes('href')).toBe('/api/v1/attachments/71/content');
    expect(chip.text()).toContain('invoice.pdf');
    expect(chip.text()).toContain('PDF');
    expect(chip.text()).toContain('1.5 MB');

    await first.get('.thumb').trigger('click');
    const box = wrapper.get('.lightbox[role=dialog]');
    expect(box.get('img').attributes('src')).toBe('/api/v1/attachments/70/content');
    expect(document.activeElement?.textContent?.trim()).toBe('Close');
    await box.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('.lightbox').exists()).toBe(false);
    wrapper.unmount();
  });

  it('uploads a chosen file at once and sends its id with the reply', async () => {
    server.on('POST', '/api/v1/attachments', json(201, { id: 55, filename: 'label.png', mime_type: 'image/png', size: 3000, sha256: 'x', created_at: '' }));
    server.on('POST', '/api/v1/tickets/1042/messages', (call) => json(201, message({ id: 9, body: (call.body as { body: string }).body })));
    const { wrapper } = await open();
    const input = wrapper.get('[data-testid=reply-attach]');
    Object.defineProperty(input.element, 'files', {
      value: [new File(['x'.repeat(3000)], 'label.png', { type: 'image/png' })],
      configurable: true,
    });
    await input.trigger('change');
    expect(wrapper.get('.uploads').text()).toContain('label.png');
    expect(wrapper.find('.uploads .spinner').exists()).toBe(true);
    await flushPromises();
    const upload = server.callsTo('POST', '/api/v1/attachments')[0]!;
    expect(upload.headers.get('X-CSRF-Token')).toBe('csrf-t');
    expect(server.fetch.mock.calls.find(([url]) => String(url) === '/api/v1/attachments')![1]!.body).toBeInstanceOf(FormData);
    expect(wrapper.find('.uploads .spinner').exists()).toBe(false);

    await wrapper.get('[data-testid=reply-body]').setValue('Here is the label');
    await wrapper.get('[data-testid=reply-send]').trigger('submit');
    await wrapper.get('form.reply-box').trigger('submit');
    await flushPromises();
    const post = server.callsTo('POST', '/api/v1/tickets/1042/messages')[0]!;
    expect(post.body).toEqual({ body: 'Here is the label', public: true, attachment_ids: [55] });
    expect(wrapper.find('.uploads').exists()).toBe(false);
    wrapper.unmount();
  });

  it('takes dropped files and pasted pictures', async () => {
    let n = 60;
    server.on('POST', '/api/v1/attachments', () => json(201, { id: n++, filename: 'f', mime_type: 'image/png', size: 1, sha256: 'x', created_at: '' }));
    server.on('POST', '/api/v1/tickets/1042/messages', json(201, message({ id: 9 })));
    const { wrapper } = await open();
    const dropped = new File(['a'], 'scan.pdf', { type: 'application/pdf' });
    await wrapper.get('form.reply-box').trigger('drop', { dataTransfer: { files: [dropped], types: ['Files'] } });
    const pasted = new File(['b'], 'image.png', { type: 'image/png' });
    await wrapper.get('[data-testid=reply-body]').trigger('paste', {
      clipboardData: { items: [{ kind: 'file', type: 'image/png', getAsFile: () => pasted }], types: ['Files'] },
    });
    await flushPromises();
    expect(wrapper.findAll('.uploads li').map((li) => li.get('.upload-name').text())).toEqual(['scan.pdf', 'image.png']);
    await wrapper.get('[data-testid=reply-body]').setValue('Both files');
    await wrapper.get('form.reply-box').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/tickets/1042/messages')[0]!.body).toMatchObject({ attachment_ids: [60, 61] });
    wrapper.unmount();
  });

  it('says when a file is too large, and the file can be removed', async () => {
    server.on('POST', '/api/v1/attachments', problem(413, 'payload-too-large'));
    const { wrapper } = await open();
    const input = wrapper.get('[data-testid=reply-attach]');
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'huge.mov')], configurable: true });
    await input.trigger('change');
    await flushPromises();
    expect(wrapper.get('.upload-error').text()).toBe('huge.mov is too large to attach.');
    await wrapper.get('.upload-remove').trigger('click');
    expect(wrapper.find('.uploads').exists()).toBe(false);
    wrapper.unmount();
  });
});

describe('@mentions', () => {
  beforeEach(() => serve());

  it('suggests agents after @ in a note, navigable by keyboard, and inserts @Name', async () => {
    const { wrapper } = await open();
    await wrapper.get('[data-testid=reply-mode-note]').setValue(true);
    const area = wrapper.get<HTMLTextAreaElement>('[data-testid=reply-body]');
    await area.setValue('Please check @a');
    area.element.setSelectionRange(15, 15);
    await area.trigger('input');
    const options = () => wrapper.findAll('#mention-list [role=option]');
    expect(options().map((o) => o.text())).toEqual([
      expect.stringContaining('Arjun Shetty'),
      expect.stringContaining('Asha Nair'),
    ]);
    expect(options()[0]!.attributes('aria-selected')).toBe('true');
    await area.trigger('keydown', { key: 'ArrowDown' });
    expect(options()[1]!.attributes('aria-selected')).toBe('true');
    await area.trigger('keydown', { key: 'Enter' });
    expect(area.element.value).toBe('Please check @Asha Nair ');
    expect(wrapper.find('#mention-list').exists()).toBe(false);

    // Escape closes the list without leaving the field.
    await area.setValue('Please check @Asha Nair and @M');
    await area.trigger('input');
    expect(options().length).toBeGreaterThan(0);
    await area.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('#mention-list').exists()).toBe(false);
    wrapper.unmount();
  });

  it('offers no suggestions in a public reply', async () => {
    const { wrapper } = await open();
    const area = wrapper.get('[data-testid=reply-body]');
    await area.setValue('@a');
    await area.trigger('input');
    expect(wrapper.find('#mention-list').exists()).toBe(false);
    wrapper.unmount();
  });

  it('highlights mentions of agents in notes, as text', async () => {
    const { wrapper } = await open();
    const note = wrapper.findAll('[data-testid=timeline-message]')[1]!;
    expect(note.attributes('data-public')).toBe('false');
    expect(note.get('mark.mention').text()).toBe('@Arjun Shetty');
    expect(note.find('b').exists()).toBe(false);
    expect(note.get('.message-body').text()).toContain('<b>now</b>');
    wrapper.unmount();
  });
});

describe('custom fields', () => {
  beforeEach(() => serve());

  it('shows the active fields by type, prefilled, and saves only what changed', async () => {
    server.on('PATCH', '/api/v1/tickets/1042', () => json(200, ticket({ custom_fields: { order_id: 'OD-77', courier: 'DTDC', amount_inr: 1200, fragile: true }, version: 4 })));
    const { wrapper } = await open();
    expect(wrapper.get<HTMLInputElement>('#custom-field-order_id').element.value).toBe('OD-77');
    expect(wrapper.get('label[for=custom-field-order_id]').text()).toContain('required');
    expect(wrapper.get('#custom-field-order_id').attributes('aria-required')).toBe('true');
    expect(wrapper.get('#custom-field-amount_inr').attributes('type')).toBe('number');
    expect(wrapper.get('#custom-field-delivery_date').attributes('type')).toBe('date');
    expect(wrapper.get<HTMLSelectElement>('#custom-field-courier').element.value).toBe('DTDC');
    expect(wrapper.get('#custom-field-fragile').attributes('type')).toBe('checkbox');
    expect(wrapper.find('#custom-field-old_code').exists()).toBe(false);

    await wrapper.get('#custom-field-amount_inr').setValue('1200');
    await wrapper.get('#custom-field-fragile').setValue(true);
    await wrapper.get('[data-testid=sidebar-save]').trigger('click');
    await wrapper.get('form.ticket-sidebar').trigger('submit');
    await flushPromises();
    const patch = server.callsTo('PATCH', '/api/v1/tickets/1042')[0]!;
    expect(patch.body).toEqual({ custom_fields: { amount_inr: 1200, fragile: true } });
    expect(patch.headers.get('If-Match')).toBe('"3"');
    wrapper.unmount();
  });

  it('shows a refused value beside its field, in the agent’s language', async () => {
    serve('hi');
    server.on('PATCH', '/api/v1/tickets/1042', problem(422, 'validation', 'bad', [{ field: 'custom_fields.order_id', message: 'is required' }]));
    const { wrapper } = await open('hi');
    await wrapper.get('#custom-field-order_id').setValue('');
    await wrapper.get('form.ticket-sidebar').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', '/api/v1/tickets/1042')[0]!.body).toEqual({ custom_fields: { order_id: null } });
    expect(wrapper.get('#custom-field-order_id-error').text()).toBe('यह भरना ज़रूरी है।');
    expect(wrapper.get('#custom-field-order_id').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('.ticket-sidebar [role=alert]').text()).toContain('Order ID');
    wrapper.unmount();
  });

  it('rolls a refused status back to the stored one and says why', async () => {
    server.on('PATCH', '/api/v1/tickets/1042', problem(422, 'invalid-transition'));
    const { wrapper } = await open();
    await wrapper.get('[data-testid=sidebar-status]').setValue('solved');
    await wrapper.get('form.ticket-sidebar').trigger('submit');
    await flushPromises();
    expect(wrapper.get<HTMLSelectElement>('[data-testid=sidebar-status]').element.value).toBe('open');
    expect(wrapper.get('.ticket-sidebar [role=alert]').text()).toBe(
      'The ticket cannot move to that status from its current one, so it stays Open.',
    );
    wrapper.unmount();
  });

  it('keeps unsaved sidebar changes when a reply changes the ticket’s version', async () => {
    server.on('POST', '/api/v1/tickets/1042/messages', json(201, message({ id: 9 })));
    const { wrapper } = await open();
    await wrapper.get('[data-testid=sidebar-assignee]').setValue('8');
    server.on('GET', '/api/v1/tickets/1042', ticket({ custom_fields: { order_id: 'OD-77', courier: 'DTDC' }, version: 4, status: 'pending' }));
    await wrapper.get('[data-testid=reply-body]').setValue('On its way');
    await wrapper.get('form.reply-box').trigger('submit');
    await flushPromises();
    expect(wrapper.get<HTMLSelectElement>('[data-testid=sidebar-assignee]').element.value).toBe('8');
    expect(wrapper.get<HTMLSelectElement>('[data-testid=sidebar-status]').element.value).toBe('pending');
    wrapper.unmount();
  });
});

describe('merge', () => {
  beforeEach(() => serve());

  it('finds the ticket to keep by number, previews it, merges and shows the survivor', async () => {
    const target = ticket({ id: 2041, number: 1041, subject: 'Parcel not delivered', status: 'pending' });
    server.on('GET', '/api/v1/tickets', { data: [ticket(), ticket({ id: 1000, number: 1000, status: 'closed' })], next_cursor: null });
    // Numbers count per workspace; the ticket #1041 has another id.
    server.on('GET', '/api/v1/tickets/by-number/1041', target);
    server.on('GET', '/api/v1/tickets/2041', target);
    server.on('GET', '/api/v1/tickets/2041/messages', { data: [message({ id: 5, ticket_id: 2041 })], next_cursor: null });
    server.on('POST', '/api/v1/tickets/1042/merge', target);
    const { wrapper, router } = await open();
    await wrapper.get('[data-testid=merge-open]').trigger('click');
    await flushPromises();
    expect(server.callsTo('GET', '/api/v1/tickets')[0]!.query.get('requester')).toBe('31');
    // Neither this ticket nor a closed one is offered.
    expect(wrapper.find('.merge-candidates').exists()).toBe(false);

    await wrapper.get('[data-testid=merge-number]').setValue('1042');
    await wrapper.get('.merge-find').trigger('submit');
    expect(wrapper.get('.modal [role=alert]').text()).toBe('A ticket cannot be merged into itself.');

    await wrapper.get('[data-testid=merge-number]').setValue('#1041');
    await wrapper.get('.merge-find').trigger('submit');
    await flushPromises();
    const preview = wrapper.get('[data-testid=merge-preview]');
    expect(preview.text()).toContain('Parcel not delivered');
    expect(preview.text()).toContain('Pending');
    expect(preview.text()).toContain('Ravi Kumar');
    await wrapper.get('[data-testid=merge-confirm]').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/tickets/1042/merge')[0]!.body).toEqual({ target_id: 2041 });
    expect(router.currentRoute.value.fullPath).toBe('/tickets/2041');
    await flushPromises();
    expect(wrapper.get('h1').text()).toContain('Parcel not delivered');
    expect(wrapper.get('.notice[role=status]').text()).toBe('Ticket #1042 was merged into this ticket.');
    wrapper.unmount();
  });

  it('says when there is no such ticket', async () => {
    server.on('GET', '/api/v1/tickets', (call) =>
      json(200, { data: call.query.get('requester') ? [] : [ticket({ id: 20, number: 20 })], next_cursor: null }),
    );
    server.on('GET', '/api/v1/tickets/by-number/5555', problem(404, 'not-found'));
    const { wrapper } = await open();
    await wrapper.get('[data-testid=merge-open]').trigger('click');
    await wrapper.get('[data-testid=merge-number]').setValue('5555');
    await wrapper.get('.merge-find').trigger('submit');
    await flushPromises();
    expect(wrapper.get('.modal [role=alert]').text()).toBe('No ticket #5555 was found.');
    expect(wrapper.get('[data-testid=merge-confirm]').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('shows a merged ticket’s banner linking to the survivor, and no merge button', async () => {
    serve('en', { status: 'closed', merged_into_id: 1041 });
    const { wrapper } = await open();
    expect(wrapper.get('[data-testid=merged-banner] a').attributes('href')).toBe('/tickets/1041');
    expect(wrapper.find('[data-testid=merge-open]').exists()).toBe(false);
    wrapper.unmount();
  });
});

describe('history', () => {
  it('lists the changes newest first with names and labels in the agent’s language', async () => {
    serve('hi');
    server.on('GET', '/api/v1/tickets/1042/events', {
      data: [
        {
          id: 3,
          actor: { type: 'agent', id: 7, name: 'Meera Rao' },
          action: 'ticket.updated',
          entity_type: 'ticket',
          entity_id: 1042,
          changes: {
            status: ['open', 'pending'],
            assignee_id: [7, 8],
            tags: [['delivery_delay'], ['delivery_delay', 'vip']],
            custom_fields: [{ order_id: 'OD-1' }, { order_id: 'OD-77' }],
          },
          ip: '10.0.0.1',
          created_at: '2026-11-23T10:05:00.000Z',
        },
        {
          id: 1,
          actor: { type: 'contact', id: 31, name: 'Ravi Kumar' },
          action: 'ticket.created',
          entity_type: 'ticket',
          entity_id: 1042,
          changes: { status: [null, 'new'], group_id: [null, 2] },
          ip: '',
          created_at: '2026-11-23T10:00:00.000Z',
        },
      ],
      next_cursor: null,
    });
    const { wrapper } = await open('hi');
    await wrapper.get('[data-testid=history-toggle]').trigger('click');
    await flushPromises();
    const events = wrapper.findAll('.history-event');
    expect(events).toHaveLength(2);
    expect(events[0]!.get('.history-action').text()).toBe('Meera Rao ने टिकट बदला');
    const text = events[0]!.text();
    expect(text).toContain('खुला');
    expect(text).toContain('Arjun Shetty');
    expect(text).toContain('जोड़े: vip');
    expect(text).toContain('Order ID');
    expect(text).toContain('OD-77');
    expect(events[1]!.text()).toContain('Shipping');
    expect(wrapper.find('.timeline').exists()).toBe(false);
    await wrapper.get('[data-testid=history-toggle]').trigger('click');
    expect(wrapper.find('.timeline').exists()).toBe(true);
    wrapper.unmount();
  });
});

describe('presence', () => {
  beforeEach(() => serve());

  it('shows who else is on the ticket and warns before sending over someone’s reply', async () => {
    server.on('POST', '/api/v1/tickets/1042/presence', {
      data: [
        { agent_id: 9, name: 'Asha Nair', state: 'replying', since: '2026-11-23T10:00:00.000Z', last_seen_at: '2026-11-23T10:00:05.000Z' },
        { agent_id: 8, name: 'Arjun Shetty', state: 'viewing', since: '2026-11-23T10:00:00.000Z', last_seen_at: '2026-11-23T10:00:05.000Z' },
      ],
    });
    server.on('DELETE', '/api/v1/tickets/1042/presence', json(204, null));
    server.on('POST', '/api/v1/tickets/1042/messages', json(201, message({ id: 9 })));
    const { wrapper } = await open();
    const chips = wrapper.get('[data-testid=presence]');
    expect(chips.text()).toContain('Asha Nair is replying');
    expect(chips.text()).toContain('Arjun Shetty is viewing');
    expect(chips.get('[aria-live=polite]').text()).toBe('Asha Nair has started replying to this ticket.');

    await wrapper.get('[data-testid=reply-body]').setValue('Your parcel arrives today');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/tickets/1042/presence').at(-1)!.body).toEqual({ state: 'replying' });
    await wrapper.get('form.reply-box').trigger('submit');
    expect(wrapper.get('.collision').text()).toContain('Asha Nair is also replying — send anyway?');
    expect(server.callsTo('POST', '/api/v1/tickets/1042/messages')).toHaveLength(0);
    await wrapper.get('.collision .button.primary').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/tickets/1042/messages')).toHaveLength(1);

    wrapper.unmount();
    expect(server.callsTo('DELETE', '/api/v1/tickets/1042/presence')).toHaveLength(1);
  });

  it('shows nothing when the server has no presence routes', async () => {
    server.on('POST', '/api/v1/tickets/1042/messages', json(201, message({ id: 9 })));
    const { wrapper } = await open();
    expect(wrapper.get('[data-testid=presence]').text()).toBe('');
    await wrapper.get('[data-testid=reply-body]').setValue('Hello');
    await wrapper.get('form.reply-box').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/tickets/1042/messages')).toHaveLength(1);
    expect(wrapper.find('.collision').exists()).toBe(false);
    wrapper.unmount();
  });
});

describe('ticket shortcuts', () => {
  beforeEach(() => serve());

  it('r and n focus the reply box as a reply or a note, h toggles the history, Escape leaves the field', async () => {
    server.on('GET', '/api/v1/tickets/1042/events', { data: [], next_cursor: null });
    stopShortcuts = installShortcutListener(window);
    const { wrapper } = await open();
    const press = async (key: string, target: EventTarget = document.body) => {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      await flushPromises();
    };
    const area = wrapper.get<HTMLTextAreaElement>('[data-testid=reply-body]').element;
    await press('n');
    expect(wrapper.get<HTMLInputElement>('[data-testid=reply-mode-note]').element.checked).toBe(true);
    expect(document.activeElement).toBe(area);
    await press('Escape', area);
    expect(document.activeElement).not.toBe(area);
    await press('r');
    expect(wrapper.get<HTMLInputElement>('[data-testid=reply-mode-public]').element.checked).toBe(true);
    expect(document.activeElement).toBe(area);
    await press('Escape', area);
    await press('h');
    expect(wrapper.find('.history').exists()).toBe(true);
    await press('h');
    expect(wrapper.find('.history').exists()).toBe(false);
    wrapper.unmount();
  });
});
