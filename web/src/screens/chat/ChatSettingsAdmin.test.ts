// Admin → Live chat, as an admin uses it: the settings as stored; origins checked line by line
// before anything is sent and the server's refusals shown beside the field; a save that sends
// only what changed with If-Match; the first save that makes the widget key; a new key after a
// question; and the snippet to paste with Copy. In Hindi too.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatSettings } from '../../api/chat';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent, group } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ChatSettingsAdmin from './ChatSettingsAdmin.vue';

const URL_ = '/api/v1/chat/settings';

function settings(over: Partial<ChatSettings> = {}): ChatSettings {
  return {
    enabled: true,
    widget_key: 'wk_3f9cAbCdEf',
    allowed_origins: ['https://shop.example.in'],
    prechat: true,
    routing: 'round_robin',
    default_group_id: null,
    business_hours_id: null,
    offer_timeout_seconds: 30,
    agent_grace_seconds: 60,
    updated_at: '2026-12-01T10:00:00.000Z',
    version: 4,
    ...over,
  };
}

let server: FakeApi;

function serve(language: Language = 'en', stored: ChatSettings = settings()) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language }), csrf_token: 'c' });
  server.on('GET', URL_, stored);
  server.on('GET', '/api/v1/agents', { data: [agent({ id: 1, role: 'admin' })], next_cursor: null });
  server.on('GET', '/api/v1/groups', { data: [group({ id: 2, name: 'Shipping' })], next_cursor: null });
  server.on('GET', '/api/v1/business-hours', {
    data: [{ id: 5, name: 'Live chat, 24/7' }, { id: 6, name: 'Support desk, Bengaluru' }],
    next_cursor: null,
  });
}

beforeEach(() => serve());

async function mount(locale: Language = 'en'): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(ChatSettingsAdmin, { path: '/admin/chat', locale });
  await flushPromises();
  return wrapper;
}

describe('ChatSettingsAdmin', () => {
  it('shows the stored settings, the key and the snippet to paste', async () => {
    const w = await mount();
    expect(w.get('h1').text()).toBe('Live chat');
    expect((w.get('[data-testid="chat-enabled"]').element as HTMLInputElement).checked).toBe(true);
    expect((w.get('[data-testid="chat-origins"]').element as HTMLTextAreaElement).value).toBe('https://shop.example.in');
    expect(w.get('[data-testid="chat-key-value"]').text()).toBe('wk_3f9cAbCdEf');
    expect((w.get('[data-testid="chat-snippet"]').element as HTMLTextAreaElement).value).toBe(
      `<script src="${window.location.origin}/widget.js" data-key="wk_3f9cAbCdEf" async></script>`,
    );
    expect(w.findAll('[data-testid="chat-default-group"] option').map((o) => o.text())).toEqual(['No group (every agent)', 'Shipping']);
    // Nothing changed, nothing to save.
    expect(w.get('[data-testid="chat-settings-save"]').attributes('disabled')).toBeDefined();
    w.unmount();
  });

  it('checks origins line by line before sending', async () => {
    const w = await mount();
    await w.get('[data-testid="chat-origins"]').setValue('https://shop.example.in\nhttps://*.example.in\nhttps://help.example.in/chat');
    expect(w.get('[data-testid="chat-origins-error"]').text()).toBe(
      'Line 2: not an origin like https://shop.example.in Line 3: not an origin like https://shop.example.in',
    );
    expect(w.get('[data-testid="chat-origins"]').attributes('aria-invalid')).toBe('true');
    expect(w.get('[data-testid="chat-settings-save"]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid="chat-settings-form"]').trigger('submit');
    expect(server.callsTo('PATCH', URL_)).toHaveLength(0);
    w.unmount();
  });

  it('sends only what changed with If-Match, and shows the server refusal beside its field', async () => {
    server.on('PATCH', URL_, problem(422, 'validation', 'invalid', [
      { field: 'allowed_origins[1]', message: 'is not an origin like https://shop.example.in (no paths, no wildcards)' },
      { field: 'offer_timeout_seconds', message: 'must be between 5 and 600' },
    ]));
    const w = await mount();
    await w.get('[data-testid="chat-origins"]').setValue('https://shop.example.in\nhttp://localhost:8081\n');
    await w.get('[data-testid="chat-routing"]').setValue('least_busy');
    await w.get('[data-testid="chat-default-group"]').setValue('2');
    await w.get('[data-testid="chat-offer-timeout"]').setValue('4');
    await w.get('[data-testid="chat-settings-form"]').trigger('submit');
    await flushPromises();
    const call = server.callsTo('PATCH', URL_)[0]!;
    expect(call.body).toEqual({
      allowed_origins: ['https://shop.example.in', 'http://localhost:8081'],
      routing: 'least_busy',
      default_group_id: 2,
      offer_timeout_seconds: 4,
    });
    expect(call.headers.get('If-Match')).toBe('"4"');
    expect(w.get('[data-testid="chat-origins-error"]').text()).toBe(
      'Line 2: is not an origin like https://shop.example.in (no paths, no wildcards)',
    );
    expect(w.get('[data-testid="chat-offer-timeout-error"]').text()).toBe('must be between 5 and 600');

    server.on('PATCH', URL_, (c) => json(200, settings({ ...(c.body as object), version: 5 })));
    await w.get('[data-testid="chat-offer-timeout"]').setValue('45');
    await w.get('[data-testid="chat-settings-form"]').trigger('submit');
    await flushPromises();
    expect(w.get('[role="status"]').text()).toBe('Chat settings saved.');
    expect(w.find('[data-testid="chat-origins-error"]').exists()).toBe(false);
    expect(w.get('[data-testid="chat-settings-save"]').attributes('disabled')).toBeDefined();
    w.unmount();
  });

  it('picks the business hours the widget is online in', async () => {
    server.on('PATCH', URL_, (c) => json(200, settings({ ...(c.body as object), version: 5 })));
    const w = await mount();
    const options = w.findAll('[data-testid="chat-business-hours"] option').map((o) => o.text());
    expect(options).toEqual(["The default group's, else the workspace's", 'Live chat, 24/7', 'Support desk, Bengaluru']);
    await w.get('[data-testid="chat-business-hours"]').setValue('5');
    await w.get('[data-testid="chat-settings-form"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', URL_)[0]!.body).toEqual({ business_hours_id: 5 });
    w.unmount();
  });

  it('makes the widget key with the first save', async () => {
    serve('en', settings({ enabled: false, widget_key: null, allowed_origins: [], version: 0, updated_at: null }));
    server.on('PATCH', URL_, (c) => json(200, settings({ ...(c.body as object), widget_key: 'wk_first', version: 1 })));
    const w = await mount();
    expect(w.get('[data-testid="chat-no-key"]').text()).toBe('The key is made when you save these settings for the first time.');
    expect(w.find('[data-testid="chat-snippet"]').exists()).toBe(false);
    await w.get('[data-testid="chat-settings-form"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('PATCH', URL_)[0]!.body).toEqual({});
    expect(server.callsTo('PATCH', URL_)[0]!.headers.get('If-Match')).toBe('"0"');
    expect(w.get('[data-testid="chat-key-value"]').text()).toBe('wk_first');
    w.unmount();
  });

  it('asks before making a new key, then shows it in the snippet; Copy copies the snippet', async () => {
    server.on('POST', '/api/v1/chat/widget-key', settings({ widget_key: 'wk_newKey', version: 5 }));
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const w = await mount();
    await w.get('[data-testid="chat-key-rotate"]').trigger('click');
    expect(w.text()).toContain('Make a new widget key? The old one stops working at once');
    expect(server.callsTo('POST', '/api/v1/chat/widget-key')).toHaveLength(0);
    await w.get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('POST', '/api/v1/chat/widget-key')).toHaveLength(1);
    expect(w.get('[data-testid="chat-key-value"]').text()).toBe('wk_newKey');
    expect(w.get('[role="status"]').text()).toBe('The widget has a new key. Update the script tag on your pages now.');
    await w.get('[data-testid="chat-snippet-copy"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(`<script src="${window.location.origin}/widget.js" data-key="wk_newKey" async></script>`);
    expect(w.get('[data-testid="chat-snippet-copy"]').text()).toBe('Copied');
    w.unmount();
  });

  it('reloads after someone else saved (412)', async () => {
    server.on('PATCH', URL_, problem(412, 'precondition-failed', 'changed'));
    const w = await mount();
    server.on('GET', URL_, settings({ prechat: false, version: 6 }));
    await w.get('[data-testid="chat-enabled"]').setValue(false);
    await w.get('[data-testid="chat-settings-form"]').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="chat-settings-form"] [role="alert"]').text()).toContain('changed');
    expect(server.callsTo('GET', URL_)).toHaveLength(2);
    expect((w.get('#chat-prechat').element as HTMLInputElement).checked).toBe(false);
    w.unmount();
  });

  it('speaks Hindi', async () => {
    serve('hi');
    const w = await mount('hi');
    expect(w.get('h1').text()).toBe('लाइव चैट');
    expect(w.get('label[for="chat-enabled"]').text()).toBe('चैट चालू है');
    expect(w.get('[data-testid="chat-key-rotate"]').text()).toBe('नई कुंजी बनाएँ');
    w.unmount();
  });
});
