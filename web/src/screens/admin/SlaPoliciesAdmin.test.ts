// Admin → SLA policies, as an admin uses it: the policies in order with their conditions and
// targets in words; a new policy built with chips, tags and targets in hours, sent as minutes;
// the client's own checks; the server's 422 beside the field and the target row it names; an
// edit with If-Match; moving a policy (positions PATCHed, list read again); switching one off;
// deleting after a question; and the screen in Hindi and Kannada.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../api/sla';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import SlaPoliciesAdmin from './SlaPoliciesAdmin.vue';

const T0 = '2026-12-01T10:00:00.000Z';
const BASE = '/api/v1/sla-policies';

function policy(over: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id: 1,
    name: 'Urgent email',
    description: 'Customers who write in about urgent problems',
    position: 0,
    active: true,
    conditions: { channels: ['email', 'chat'], priorities: ['urgent'], tiers: [], group_ids: [2], tags: [] },
    targets: [
      { metric: 'first_response', minutes: 1, business_hours: false },
      { metric: 'resolution', minutes: 480, business_hours: true },
    ],
    created_at: T0,
    updated_at: T0,
    version: 4,
    ...over,
  };
}

const EMPTY = { channels: [], priorities: [], tiers: [], group_ids: [], tags: [] };
let server: FakeApi;
let stored: SlaPolicy[];

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language }), csrf_token: 'c' });
  stored = [
    policy(),
    policy({
      id: 2,
      name: 'Everyone else',
      description: '',
      position: 1,
      active: false,
      conditions: { ...EMPTY },
      targets: [{ metric: 'next_response', minutes: 2880, business_hours: true }],
      version: 1,
    }),
    policy({
      id: 3,
      name: 'Enterprise VIP',
      description: '',
      position: 2,
      conditions: { ...EMPTY, tiers: ['enterprise'], tags: ['vip', 'gold'], group_ids: [9] },
      targets: [{ metric: 'first_response', minutes: 90, business_hours: false }],
      version: 2,
    }),
  ];
  server.on('GET', BASE, () => json(200, { data: [...stored].sort((a, b) => a.position - b.position) }));
  server.on('GET', '/api/v1/groups', {
    data: [group({ id: 2, name: 'Shipping' }), group({ id: 5, name: 'Billing' })],
    next_cursor: null,
  });
}

beforeEach(() => serve());

const rows = (w: VueWrapper) => w.findAll('[data-testid="sla-row"]');
const lines = (row: ReturnType<typeof rows>[number], which: 'conditions' | 'targets') =>
  row.findAll(`[data-testid="sla-${which}-text"] li`).map((li) => li.text());

async function mountAdmin(locale: Language = 'en') {
  return mountScreen(SlaPoliciesAdmin, { path: '/admin/sla-policies', locale });
}

describe('SlaPoliciesAdmin', () => {
  it('lists the policies in order with their conditions and targets in words', async () => {
    const { wrapper, router } = await mountAdmin();
    expect(router.currentRoute.value.name).toBe('admin-sla-policies');
    expect(wrapper.get('h1').text()).toBe('SLA policies');
    const list = rows(wrapper);
    expect(list.map((r) => r.attributes('data-id'))).toEqual(['1', '2', '3']);
    expect(lines(list[0]!, 'conditions')).toEqual(['Channel: email or chat', 'Priority: Urgent', 'Group: Shipping']);
    expect(lines(list[0]!, 'targets')).toEqual([
      'First response: 1 minute, calendar hours',
      'Resolution: 8 hours, business hours',
    ]);
    expect(list[0]!.text()).toContain('Customers who write in about urgent problems');
    expect(list[1]!.get('[data-testid="sla-active-pill"]').text()).toBe('Off');
    expect(lines(list[1]!, 'conditions')).toEqual(['All tickets']);
    expect(lines(list[1]!, 'targets')).toEqual(['Next response: 48 hours, business hours']);
    // A group the workspace no longer lists shows by its number.
    expect(lines(list[2]!, 'conditions')).toEqual(['Customer tier: Enterprise', 'Group: #9', 'Tags: vip, gold']);
    expect(lines(list[2]!, 'targets')).toEqual(['First response: 90 minutes, calendar hours']);
    // The ends cannot move further.
    expect(list[0]!.get('[data-testid="sla-move-up"]').attributes('disabled')).toBeDefined();
    expect(list[2]!.get('[data-testid="sla-move-down"]').attributes('disabled')).toBeDefined();
    expect(list[0]!.get('[data-testid="sla-move-down"]').attributes('aria-label')).toBe('Move “Urgent email” down');
    wrapper.unmount();
  });

  it('says so when there are no policies', async () => {
    server.on('GET', BASE, { data: [] });
    const { wrapper } = await mountAdmin();
    expect(wrapper.get('[data-testid="sla-empty"]').text()).toContain('No SLA policies yet');
    wrapper.unmount();
  });

  it("checks what the server would refuse before sending it", async () => {
    const { wrapper } = await mountAdmin();
    await wrapper.get('[data-testid="sla-create"]').trigger('click');
    // A new policy starts with one empty first-response target.
    expect(wrapper.findAll('[data-testid="sla-target"]')).toHaveLength(1);
    await wrapper.get('[data-testid="sla-add-target"]').trigger('click');
    await wrapper.get('#sla-target-0-amount').setValue('0');
    await wrapper.get('#sla-target-1-amount').setValue('2');
    await wrapper.get('#sla-target-1-metric').setValue('first_response');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', BASE)).toHaveLength(0);
    expect(wrapper.get('[data-testid="sla-alert"]').text()).toContain('Some fields need a change');
    expect(wrapper.get('#sla-name').attributes('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(wrapper.get('#sla-name').element);
    const rowsErrors = wrapper.findAll('[data-testid="sla-target"]').map((r) =>
      r.findAll('[data-testid="sla-target-error"]').map((e) => e.text()),
    );
    expect(rowsErrors).toEqual([['Enter a time of at least 1 minute.'], ['This metric already has a target.']]);

    // Both targets removed: at least one is needed.
    for (let i = 0; i < 2; i += 1) {
      await wrapper.get('[data-testid="sla-target"] button').trigger('click');
    }
    await wrapper.get('#sla-name').setValue('Chat');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', BASE)).toHaveLength(0);
    expect(wrapper.get('[data-testid="sla-targets"] .field-error').text()).toBe('Add at least one target.');
    wrapper.unmount();
  });

  it('builds a policy with chips and targets in hours, and shows the 422 beside the row it names', async () => {
    let attempt = 0;
    server.on('POST', BASE, (call) => {
      attempt += 1;
      if (attempt === 1) {
        return problem(422, 'validation', 'the policy cannot be used', [
          { field: 'targets[1].minutes', message: 'must be at most 525600' },
          { field: 'conditions.channels[0]', message: 'is not a channel' },
          { field: 'conditions.group_ids[0]', message: 'no such group' },
        ]);
      }
      return json(201, policy({ id: 8, version: 1, ...(call.body as object) }));
    });
    const { wrapper } = await mountAdmin();
    await wrapper.get('[data-testid="sla-create"]').trigger('click');
    expect(document.activeElement).toBe(wrapper.get('#sla-name').element);
    await wrapper.get('#sla-name').setValue('  Premium phone ');
    const chip = (fieldset: string, text: string) =>
      wrapper.findAll(`[data-testid="${fieldset}"] label`).find((l) => l.text() === text)!.get('input');
    await chip('sla-channels', 'phone').setValue(true);
    await chip('sla-priorities', 'High').setValue(true);
    await chip('sla-priorities', 'Urgent').setValue(true);
    await chip('sla-tiers', 'Premium').setValue(true);
    await chip('sla-groups', 'Billing').setValue(true);
    expect(chip('sla-channels', 'phone').element.closest('label')!.classList.contains('on')).toBe(true);
    await wrapper.get('#sla-tags').setValue('vip, callback  escalated,vip');
    await wrapper.get('#sla-target-0-amount').setValue('30');
    await wrapper.get('#sla-target-0-unit').setValue('minutes');
    await wrapper.get('#sla-target-0-clock').setValue(false);
    await wrapper.get('[data-testid="sla-add-target"]').trigger('click');
    expect((wrapper.get('#sla-target-1-metric').element as HTMLSelectElement).value).toBe('next_response');
    await wrapper.get('#sla-target-1-metric').setValue('resolution');
    await wrapper.get('#sla-target-1-amount').setValue('1.5');
    await wrapper.get('#sla-target-1-unit').setValue('days');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    const sent = server.callsTo('POST', BASE)[0]!.body;
    expect(sent).toEqual({
      name: 'Premium phone',
      description: '',
      active: true,
      position: 3,
      conditions: {
        channels: ['phone'],
        priorities: ['high', 'urgent'],
        tiers: ['premium'],
        group_ids: [5],
        tags: ['vip', 'callback', 'escalated'],
      },
      targets: [
        { metric: 'first_response', minutes: 30, business_hours: false },
        { metric: 'resolution', minutes: 2160, business_hours: true },
      ],
    });
    const targetRows = wrapper.findAll('[data-testid="sla-target"]');
    expect(targetRows[0]!.find('[data-testid="sla-target-error"]').exists()).toBe(false);
    expect(targetRows[1]!.get('[data-testid="sla-target-error"]').text()).toBe('must be at most 525600');
    expect(wrapper.get('#sla-target-1-amount').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#sla-target-0-amount').attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.get('[data-testid="sla-channels"] .field-error').text()).toBe('is not a channel');
    expect(wrapper.get('[data-testid="sla-groups"] .field-error').text()).toBe('no such group');
    expect(wrapper.get('[data-testid="sla-alert"]').text()).not.toBe('');

    // A target removed above the one in error: the error stays with its row.
    await wrapper.get('#sla-target-1-unit').setValue('hours');
    await targetRows[0]!.get('button').trigger('click');
    expect(wrapper.findAll('[data-testid="sla-target"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="sla-target-error"]').text()).toBe('must be at most 525600');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect((server.callsTo('POST', BASE)[1]!.body as { targets: unknown[] }).targets).toEqual([
      { metric: 'resolution', minutes: 90, business_hours: true },
    ]);
    expect(wrapper.find('[data-testid="sla-editor"]').exists()).toBe(false);
    expect(rows(wrapper)).toHaveLength(4);
    expect(wrapper.get('[data-testid="sla-notice"]').text()).toBe('Added “Premium phone”.');
    wrapper.unmount();
  });

  it('edits with If-Match, showing the targets in their largest unit', async () => {
    server.on('PATCH', `${BASE}/1`, (call) => json(200, policy({ ...(call.body as object), version: 5 })));
    const { wrapper } = await mountAdmin();
    await rows(wrapper)[0]!.get('[data-testid="sla-edit"]').trigger('click');
    expect((wrapper.get('#sla-name').element as HTMLInputElement).value).toBe('Urgent email');
    expect((wrapper.get('#sla-target-1-amount').element as HTMLInputElement).value).toBe('8');
    expect((wrapper.get('#sla-target-1-unit').element as HTMLSelectElement).value).toBe('hours');
    const checked = wrapper
      .findAll('[data-testid="sla-channels"] input')
      .filter((i) => (i.element as HTMLInputElement).checked)
      .map((i) => (i.element as HTMLInputElement).value);
    expect(checked).toEqual(['email', 'chat']);
    await wrapper.get('[data-testid="sla-active"]').setValue(false);
    await wrapper.get('#sla-target-0-amount').setValue('15');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const call = server.callsTo('PATCH', `${BASE}/1`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"4"');
    const body = call.body as Record<string, unknown>;
    expect(body.position).toBeUndefined();
    expect(body.active).toBe(false);
    expect(body.targets).toEqual([
      { metric: 'first_response', minutes: 15, business_hours: false },
      { metric: 'resolution', minutes: 480, business_hours: true },
    ]);
    expect(lines(rows(wrapper)[0]!, 'targets')[0]).toBe('First response: 15 minutes, calendar hours');
    expect(wrapper.get('[data-testid="sla-notice"]').text()).toBe('Saved “Urgent email”.');
    wrapper.unmount();
  });

  it('says when someone else changed the policy first', async () => {
    server.on('PATCH', `${BASE}/1`, () => problem(412, 'precondition-failed'));
    const { wrapper } = await mountAdmin();
    await rows(wrapper)[0]!.get('[data-testid="sla-edit"]').trigger('click');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="sla-alert"]').text()).not.toBe('');
    expect(wrapper.find('[data-testid="sla-editor"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('moves a policy down: positions PATCHed with their versions, then the list read again', async () => {
    server.on('PATCH', `${BASE}/1`, (call) => {
      stored[0] = { ...stored[0]!, ...(call.body as object), version: stored[0]!.version + 1 };
      return json(200, stored[0]);
    });
    server.on('PATCH', `${BASE}/2`, (call) => {
      stored[1] = { ...stored[1]!, ...(call.body as object), version: stored[1]!.version + 1 };
      return json(200, stored[1]);
    });
    const { wrapper } = await mountAdmin();
    await rows(wrapper)[0]!.get('[data-testid="sla-move-down"]').trigger('click');
    await flushPromises();
    const patches = server.calls.filter((c) => c.method === 'PATCH');
    expect(patches.map((c) => [c.path, c.body, c.headers.get('If-Match')])).toEqual([
      [`${BASE}/2`, { position: 0 }, '"1"'],
      [`${BASE}/1`, { position: 1 }, '"4"'],
    ]);
    expect(server.callsTo('GET', BASE)).toHaveLength(2);
    expect(rows(wrapper).map((r) => r.attributes('data-id'))).toEqual(['2', '1', '3']);
    expect(wrapper.get('[data-testid="sla-notice"]').text()).toBe('Moved “Urgent email” down to place 2.');
    // The keyboard stays on the policy that moved.
    expect(document.activeElement).toBe(rows(wrapper)[1]!.get('[data-testid="sla-move-down"]').element);
    wrapper.unmount();
  });

  it('switches a policy on and deletes one after asking', async () => {
    server.on('PATCH', `${BASE}/2`, (call) => json(200, { ...stored[1]!, ...(call.body as object), version: 2 }));
    server.on('DELETE', `${BASE}/3`, () => json(204, null));
    const { wrapper } = await mountAdmin();
    await rows(wrapper)[1]!.get('[data-testid="sla-toggle"]').trigger('click');
    await flushPromises();
    const call = server.callsTo('PATCH', `${BASE}/2`)[0]!;
    expect(call.body).toEqual({ active: true });
    expect(call.headers.get('If-Match')).toBe('"1"');
    expect(rows(wrapper)[1]!.get('[data-testid="sla-active-pill"]').text()).toBe('Active');
    expect(wrapper.get('[data-testid="sla-notice"]').text()).toBe('“Everyone else” is on.');

    const vip = rows(wrapper)[2]!;
    await vip.get('[data-testid="sla-delete"]').trigger('click');
    expect(server.callsTo('DELETE', `${BASE}/3`)).toHaveLength(0);
    await vip.get('.confirm-ask button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', `${BASE}/3`)).toHaveLength(1);
    expect(rows(wrapper)).toHaveLength(2);
    expect(wrapper.get('[data-testid="sla-notice"]').text()).toBe('Deleted “Enterprise VIP”.');
    wrapper.unmount();
  });

  it('speaks Hindi and Kannada', async () => {
    serve('hi');
    const hi = await mountAdmin('hi');
    expect(hi.wrapper.get('h1').text()).toBe('SLA नीतियाँ');
    expect(lines(rows(hi.wrapper)[0]!, 'conditions')[0]).toBe('चैनल: ईमेल या चैट');
    expect(lines(rows(hi.wrapper)[0]!, 'targets')[1]).toBe('समाधान: 8 घंटे, कामकाज के घंटे');
    hi.wrapper.unmount();

    serve('kn');
    const kn = await mountAdmin('kn');
    expect(kn.wrapper.get('h1').text()).toBe('SLA ನೀತಿಗಳು');
    expect(lines(rows(kn.wrapper)[1]!, 'conditions')).toEqual(['ಎಲ್ಲಾ ಟಿಕೆಟ್‌ಗಳು']);
    expect(lines(rows(kn.wrapper)[0]!, 'targets')[0]).toContain('ಮೊದಲ ಉತ್ತರ: 1');
    kn.wrapper.unmount();
  });
});
