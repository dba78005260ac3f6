// Admin → Carriers, as an admin uses it: the carriers with their requests endpoints; a new
// carrier whose signing secret is shown once and then never again; an edit that sends only what
// changed with If-Match; a bad requests URL named beside its field; a new secret after a
// question; and the screen in Kannada.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Carrier } from '../../api/carriers';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import CarriersAdmin from './CarriersAdmin.vue';

const T0 = '2026-12-01T10:00:00.000Z';
const BASE = '/api/v1/carriers';
const SECRET = 'crsec_Q2xvc2VkIGZvciB0ZXN0aW5nx7Qa';

function carrier(over: Partial<Carrier> = {}): Carrier {
  return {
    id: 3,
    code: 'bluedart',
    name: 'Blue Dart',
    tracking_pattern: '',
    tracking_url: 'https://www.bluedart.com/track?awb={number}',
    requests_endpoint: { url: 'https://api.bluedart.example/requests', enabled: true, secret_hint: '…x7Qa' },
    created_at: T0,
    updated_at: T0,
    version: 4,
    ...over,
  };
}

let server: FakeApi;

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language }), csrf_token: 'c' });
  server.on('GET', BASE, {
    data: [carrier(), carrier({ id: 5, code: 'delhivery', name: 'Delhivery', requests_endpoint: null, version: 1 })],
    next_cursor: null,
  });
}

beforeEach(() => serve());

async function mount(locale: Language = 'en'): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(CarriersAdmin, { path: '/admin/carriers', locale });
  await flushPromises();
  return wrapper;
}

function rows(w: VueWrapper): string[][] {
  return w.findAll('[data-testid="carrier-row"]').map((r) => [
    r.get('th').text(),
    r.get('[data-testid="carrier-endpoint"]').text(),
  ]);
}

describe('CarriersAdmin', () => {
  it('lists carriers by name with where their delivery requests go', async () => {
    const w = await mount();
    expect(w.get('h1').text()).toBe('Carriers');
    expect(rows(w)).toEqual([
      ['Blue Dart', 'Sent to the carrier'],
      ['Delhivery', 'Not sent to the carrier'],
    ]);
    const first = w.findAll('[data-testid="carrier-row"]')[0]!;
    expect(first.text()).toContain('https://api.bluedart.example/requests');
    expect(first.text()).toContain('Secret ending …x7Qa');
    // A new secret only for carriers with an endpoint.
    expect(w.findAll('[data-testid="carrier-rotate"]')).toHaveLength(1);
    w.unmount();
  });

  it('adds a carrier with an endpoint and shows its secret once', async () => {
    server.on('POST', BASE, (call) =>
      json(201, carrier({ id: 9, code: 'ecom', name: 'Ecom Express', ...(call.body as object), requests_endpoint: { url: 'https://ecom.example/r', enabled: true, secret_hint: '…x7Qa' }, requests_secret: SECRET, version: 1 })),
    );
    const w = await mount();
    await w.get('[data-testid="carrier-add"]').trigger('click');
    await w.get('#carrier-code').setValue('ecom');
    await w.get('#carrier-name').setValue('Ecom Express');
    await w.get('[data-testid="carrier-requests-url"]').setValue(' https://ecom.example/r ');
    await w.get('[data-testid="carrier-editor"]').trigger('submit');
    await flushPromises();
    expect(server.callsTo('POST', BASE)[0]!.body).toEqual({
      code: 'ecom',
      name: 'Ecom Express',
      tracking_pattern: '',
      tracking_url: '',
      requests_url: 'https://ecom.example/r',
    });
    const box = w.get('[data-testid="carrier-secret"]');
    expect(box.get('h2').text()).toBe('Signing secret for Ecom Express');
    expect(box.text()).toContain('it will not be shown again');
    expect(w.get('[data-testid="carrier-secret-value"]').text()).toBe(SECRET);
    expect(w.get('[role="status"]').text()).toBe('Carrier Ecom Express added.');
    // The list keeps no secret; once dismissed it is gone from the page.
    expect(rows(w)).toContainEqual(['Ecom Express', 'Sent to the carrier']);
    expect(w.get('table').text()).not.toContain(SECRET);
    await w.get('[data-testid="carrier-secret-done"]').trigger('click');
    expect(w.text()).not.toContain(SECRET);
    w.unmount();
  });

  it('sends only what changed with If-Match, and names a refused requests URL', async () => {
    server.on('PATCH', `${BASE}/3`, problem(422, 'validation', 'invalid', [
      { field: 'requests_url', message: 'must start with http:// or https://' },
    ]));
    const w = await mount();
    await w.findAll('[data-testid="carrier-edit"]')[0]!.trigger('click');
    expect(w.find('#carrier-code').exists()).toBe(false); // the code never changes
    await w.get('[data-testid="carrier-requests-url"]').setValue('ftp://api.bluedart.example/requests');
    await w.get('[data-testid="carrier-requests-enabled"]').setValue(false);
    await w.get('[data-testid="carrier-editor"]').trigger('submit');
    await flushPromises();
    const patch = server.callsTo('PATCH', `${BASE}/3`)[0]!;
    expect(patch.body).toEqual({ requests_url: 'ftp://api.bluedart.example/requests', requests_enabled: false });
    expect(patch.headers.get('If-Match')).toBe('"4"');
    expect(w.get('[data-testid="carrier-requests-url-error"]').text()).toBe('must start with http:// or https://');
    expect(w.get('[data-testid="carrier-requests-url"]').attributes('aria-invalid')).toBe('true');
    expect(w.find('[data-testid="carrier-secret"]').exists()).toBe(false);
    w.unmount();
  });

  it('asks before making a new secret, then shows it once', async () => {
    server.on('POST', `${BASE}/3/requests-secret`, () =>
      json(200, carrier({ version: 5, requests_secret: SECRET, requests_endpoint: { url: 'https://api.bluedart.example/requests', enabled: true, secret_hint: '…x7Qa' } })),
    );
    const w = await mount();
    await w.get('[data-testid="carrier-rotate"]').trigger('click');
    expect(w.text()).toContain('Make a new signing secret for Blue Dart? The old one stops working at once.');
    expect(server.callsTo('POST', `${BASE}/3/requests-secret`)).toHaveLength(0);
    await w.get('.confirm-ask .button.danger').trigger('click');
    await flushPromises();
    const call = server.callsTo('POST', `${BASE}/3/requests-secret`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"4"');
    expect(w.get('[data-testid="carrier-secret-value"]').text()).toBe(SECRET);
    expect(w.get('[role="status"]').text()).toBe('Blue Dart has a new signing secret.');
    w.unmount();
  });

  it('speaks Kannada', async () => {
    serve('kn');
    const w = await mount('kn');
    expect(w.get('h1').text()).toBe('ಕೊರಿಯರ್‌ಗಳು');
    expect(rows(w)[0]).toEqual(['Blue Dart', 'ಕೊರಿಯರ್‌ಗೆ ಕಳುಹಿಸಲಾಗುತ್ತದೆ']);
    w.unmount();
  });
});
