import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { DeliveryPreferenceValues } from '../../api/delivery';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import DeliveryPreferencesCard from './DeliveryPreferencesCard.vue';
import { address, deliveryPreferences, unsetDeliveryPreferences } from './testData';

let server: FakeApi;
const PATH = '/api/v1/contacts/31/delivery-preferences';

/** The card as the contact page mounts it, for contact 31. */
const Host = defineComponent({
  setup: () => () => h(DeliveryPreferencesCard, { contactId: 31 }),
});

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', PATH, deliveryPreferences());
}

/** The server's answer to a PUT: the body saved, the organisation's values where it set none. */
function saved(body: unknown, version: number): Response {
  const own = body as DeliveryPreferenceValues;
  return json(
    200,
    deliveryPreferences({
      ...own,
      version,
      effective: {
        ...own,
        language: own.language || 'hi',
        preferred_channel: own.preferred_channel || 'whatsapp',
      },
    }),
  );
}

async function mountCard(locale: Language = 'en') {
  const { wrapper } = await mountScreen(Host, { path: '/contacts/31', locale });
  return wrapper;
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The read view as [term, value] pairs. */
function facts(w: VueWrapper): string[][] {
  return w.findAll('.prefs-facts > div').map((d) => [words(d.get('dt').text()), words(d.get('dd').text())]);
}

/** The input a visible label names. */
function field<T extends Element = HTMLInputElement>(w: VueWrapper, label: string) {
  const l = w.findAll('label').find((x) => words(x.text()) === label);
  if (!l) {
    throw new Error(`no label ${label}`);
  }
  return w.get<T>(`[id="${l.attributes('for')}"]`);
}

async function openEditor(w: VueWrapper): Promise<void> {
  await w.get('[data-testid=delivery-preferences-edit]').trigger('click');
  await flushPromises();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
  serve();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DeliveryPreferencesCard', () => {
  it('shows the customer’s preferences, and the organisation’s where they set none', async () => {
    const wrapper = await mountCard();
    expect(wrapper.get('h2').text()).toBe('Delivery preferences');
    expect(facts(wrapper)).toEqual([
      ['Delivery hours', 'Mon–Sat 07:00–16:00'],
      ['Time zone', 'Asia/Kolkata'],
      ['Language for messages', 'हिन्दी From Dakshin Logistics'],
      ['Preferred channel', 'WhatsApp From Dakshin Logistics'],
      ['Quiet hours', '21:00–08:00'],
      ['Safe place', 'With the guard at gate 2'],
      ['Alternate address', 'Asha Rao 12 MG Road Bengaluru 560001 IN +919800000000'],
    ]);
    expect(wrapper.get('[data-testid=pref-language] .pref-line').attributes('lang')).toBe('hi');
    expect(wrapper.findAll('[data-testid=pref-inherited]')).toHaveLength(2);
    expect(words(wrapper.get('.prefs-changed').text())).toMatch(/^Last changed Dec 4, 2026/);
    expect(wrapper.get('[data-testid=delivery-preferences-edit]').attributes('aria-label')).toBe(
      'Edit delivery preferences',
    );
    expect(server.callsTo('GET', PATH)).toHaveLength(1);
    wrapper.unmount();
  });

  it('says what a customer who set nothing gets, and from where', async () => {
    server.on('GET', PATH, unsetDeliveryPreferences());
    let wrapper = await mountCard();
    expect(facts(wrapper)).toEqual([
      ['Delivery hours', 'Mon–Fri 09:00–18:00 From Dakshin Logistics'],
      ['Time zone', 'Asia/Kolkata From Dakshin Logistics'],
      ['Language for messages', 'English From Dakshin Logistics'],
      ['Preferred channel', 'WhatsApp From Dakshin Logistics'],
      ['Quiet hours', '21:00–08:00 From Dakshin Logistics'],
      ['Safe place', 'At the reception desk From Dakshin Logistics'],
      ['Alternate address', 'None'],
    ]);
    expect(wrapper.get('.prefs-changed').text()).toBe('The customer has set nothing of their own yet.');
    wrapper.unmount();

    // No organisation: the workspace's defaults; nothing at all: said in words, never "null".
    server.on(
      'GET',
      PATH,
      unsetDeliveryPreferences({
        inherited_from: null,
        effective: {
          windows: [],
          time_zone: 'Asia/Kolkata',
          language: '',
          safe_place: '',
          alternate_address: null,
          preferred_channel: '',
          quiet_hours: null,
        },
      }),
    );
    wrapper = await mountCard();
    expect(facts(wrapper)).toEqual([
      ['Delivery hours', 'Any time'],
      ['Time zone', 'Asia/Kolkata Workspace default'],
      ['Language for messages', 'Not set'],
      ['Preferred channel', 'Not set'],
      ['Quiet hours', 'None'],
      ['Safe place', 'Not set'],
      ['Alternate address', 'None'],
    ]);
    expect(wrapper.text()).not.toMatch(/null|undefined|NaN/);
    wrapper.unmount();
  });

  it('edits the preferences and saves the whole set with If-Match', async () => {
    server.on('PUT', PATH, (call) => saved(call.body, 4));
    const wrapper = await mountCard();
    await openEditor(wrapper);
    const form = wrapper.get('form.prefs-form');
    expect(form.attributes('aria-label')).toBe('Edit delivery preferences');
    // The form opens at its first control, the first day of the first window.
    expect(document.activeElement).toBe(wrapper.get('[data-testid=window-row] input[type=checkbox]').element);

    // The agent's edits: Saturday off, a Sunday morning window, channel SMS, no alternate
    // address, no quiet hours, another safe place.
    const rows = () => wrapper.findAll('[data-testid=window-row]');
    expect(rows()).toHaveLength(1);
    const saturday = rows()[0]!.get<HTMLInputElement>('input[aria-label=Saturday]');
    expect(saturday.element.checked).toBe(true);
    await saturday.setValue(false);
    await wrapper.get('.window-add').trigger('click');
    expect(rows()).toHaveLength(2);
    expect(document.activeElement).toBe(rows()[1]!.get('input[aria-label=Monday]').element);
    await rows()[1]!.get('input[aria-label=Sunday]').setValue(true);
    await rows()[1]!.get('input[type=time]').setValue('08:00');
    await rows()[1]!.findAll('input[type=time]')[1]!.setValue('12:00');
    await field(wrapper, 'Preferred channel').setValue('sms');
    await field(wrapper, 'Safe place').setValue('  Leave with the neighbour at 14B ');
    await wrapper.get('input[type=radio][value=none][name$=-address]').setValue(true);
    await wrapper.get('input[type=radio][value=none][name$=-quiet]').setValue(true);
    expect(wrapper.find('[data-testid=alternate-address-fields]').exists()).toBe(false);

    await form.trigger('submit');
    await flushPromises();
    const put = server.callsTo('PUT', PATH)[0]!;
    expect(put.body).toEqual({
      windows: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '07:00', until: '16:00' },
        { days: ['sun'], from: '08:00', until: '12:00' },
      ],
      time_zone: 'Asia/Kolkata',
      language: '',
      safe_place: 'Leave with the neighbour at 14B',
      alternate_address: null,
      preferred_channel: 'sms',
      quiet_hours: null,
    });
    expect(put.headers.get('If-Match')).toBe('"3"');
    expect(put.headers.get('X-CSRF-Token')).toBe('csrf-t');

    expect(wrapper.find('form.prefs-form').exists()).toBe(false);
    expect(facts(wrapper).slice(0, 1)).toEqual([['Delivery hours', 'Mon–Fri 07:00–16:00 Sun 08:00–12:00']]);
    expect(wrapper.get('[data-testid=pref-preferred_channel] dd').text()).toBe('SMS');
    expect(wrapper.get('[data-testid=pref-alternate_address] dd').text()).toBe('None');
    expect(wrapper.get('.delivery-prefs [role=status]').text()).toBe('Delivery preferences saved.');
    expect(document.activeElement).toBe(wrapper.get('[data-testid=delivery-preferences-edit]').element);
    wrapper.unmount();
  });

  it('enters an alternate address and quiet hours for a customer who had none', async () => {
    server.on('GET', PATH, unsetDeliveryPreferences());
    server.on('PUT', PATH, (call) => saved(call.body, 1));
    const wrapper = await mountCard();
    await openEditor(wrapper);
    expect(wrapper.get('.windows-empty').text()).toBe('No hours of their own.');
    // Unset selects say where the value comes from instead.
    expect(field<HTMLSelectElement>(wrapper, 'Language for messages').get('option').text()).toBe(
      "Not set (use the organisation's)",
    );
    await wrapper.get('input[type=radio][value=set][name$=-address]').setValue(true);
    await field(wrapper, 'Name').setValue('Asha Rao');
    await field(wrapper, 'Address line 1').setValue('12 MG Road');
    await field(wrapper, 'City').setValue('Bengaluru');
    await field(wrapper, 'PIN code').setValue('560001');
    await field(wrapper, 'Phone').setValue('+919800000000');
    await wrapper.get('input[type=radio][value=set][name$=-quiet]').setValue(true);
    await field(wrapper, 'From').setValue('22:00');
    await field(wrapper, 'Until').setValue('07:30');
    await field(wrapper, 'Time zone').setValue('Asia/Dubai');
    await field<HTMLSelectElement>(wrapper, 'Language for messages').setValue('kn');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const put = server.callsTo('PUT', PATH)[0]!;
    expect(put.headers.get('If-Match')).toBe('"0"');
    expect(put.body).toEqual({
      windows: [],
      time_zone: 'Asia/Dubai',
      language: 'kn',
      safe_place: '',
      alternate_address: address(),
      preferred_channel: '',
      quiet_hours: { from: '22:00', until: '07:30' },
    });
    wrapper.unmount();
  });

  it('shows what the server refused beside its field, and the rest above the buttons', async () => {
    server.on(
      'PUT',
      PATH,
      problem(422, 'validation', 'Some values were not accepted.', [
        { field: 'windows[0].until', message: 'must be after from' },
        { field: 'alternate_address.pin', message: 'must have 6 digits' },
        { field: 'owner', message: 'is read-only' },
      ]),
    );
    const wrapper = await mountCard();
    await openEditor(wrapper);
    const until = wrapper.findAll('[data-testid=window-row] input[type=time]')[1]!;
    await until.setValue('06:00');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(until.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`[id="${until.attributes('aria-describedby')}"]`).text()).toBe(
      'Must be after the start time.',
    );
    const pin = field(wrapper, 'PIN code');
    expect(pin.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`[id="${pin.attributes('aria-describedby')}"]`).text()).toBe(
      'Enter a 6-digit PIN code.',
    );
    expect(wrapper.get('form [role=alert]').text()).toBe('These values were not accepted: owner.');
    // The first refused control has the focus; the form stays open with the agent's values.
    expect(document.activeElement).toBe(until.element);
    expect((until.element as HTMLInputElement).value).toBe('06:00');
    wrapper.unmount();
  });

  it('reloads after someone else saved (412), keeps the agent’s edit and sends the new version', async () => {
    server.on('PUT', PATH, problem(412, 'precondition-failed'));
    const wrapper = await mountCard();
    await openEditor(wrapper);
    await field(wrapper, 'Preferred channel').setValue('phone');
    // Meanwhile a colleague changed the safe place.
    server.on('GET', PATH, deliveryPreferences({ safe_place: 'At the pharmacy next door', version: 5 }));
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('form [role=alert]').text()).toBe(
      'Someone else changed these delivery preferences meanwhile. They have been reloaded; check them and save again.',
    );
    expect(field(wrapper, 'Safe place').element.value).toBe('At the pharmacy next door');
    expect(field<HTMLSelectElement>(wrapper, 'Preferred channel').element.value).toBe('phone');

    server.on('PUT', PATH, (call) => saved(call.body, 6));
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const second = server.callsTo('PUT', PATH)[1]!;
    expect(second.headers.get('If-Match')).toBe('"5"');
    expect(second.body).toMatchObject({ preferred_channel: 'phone', safe_place: 'At the pharmacy next door' });
    expect(wrapper.find('form').exists()).toBe(false);
    wrapper.unmount();
  });

  it('cancels with the button or Escape, sending nothing', async () => {
    const wrapper = await mountCard();
    await openEditor(wrapper);
    await field(wrapper, 'Safe place').setValue('Changed my mind');
    await wrapper.get('form').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.get('[data-testid=pref-safe_place] dd').text()).toBe('With the guard at gate 2');
    await openEditor(wrapper);
    const cancel = wrapper.findAll('.prefs-actions button').find((b) => b.text() === 'Cancel')!;
    await cancel.trigger('click');
    await flushPromises();
    expect(wrapper.find('form').exists()).toBe(false);
    expect(server.callsTo('PUT', PATH)).toHaveLength(0);
    wrapper.unmount();
  });

  it('says in words when the preferences cannot be loaded, and tries again', async () => {
    server.on('GET', PATH, problem(503, 'unavailable'));
    const wrapper = await mountCard();
    expect(wrapper.get('[role=alert]').text()).toBe('The server is busy or under maintenance. Try again shortly.');
    expect(wrapper.find('[data-testid=delivery-preferences-edit]').exists()).toBe(false);
    server.on('GET', PATH, deliveryPreferences());
    await wrapper.get('button.secondary').trigger('click');
    await flushPromises();
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
    expect(facts(wrapper)[0]).toEqual(['Delivery hours', 'Mon–Sat 07:00–16:00']);
    wrapper.unmount();
  });

  it('offers live chat as a channel and says what each channel means for notices', async () => {
    server.on('PUT', PATH, (call) => saved(call.body, 4));
    const wrapper = await mountCard();
    await openEditor(wrapper);
    const select = field<HTMLSelectElement>(wrapper, 'Preferred channel');
    expect(select.findAll('option').map((o) => o.text())).toEqual([
      "Not set (use the organisation's)",
      'Email',
      'Live chat',
      'SMS',
      'WhatsApp',
      'Phone call',
    ]);
    const hint = document.getElementById(select.attributes('aria-describedby')!.split(' ').pop()!);
    expect(hint?.textContent).toContain('SMS, WhatsApp and phone calls are not sent yet');
    await select.setValue('chat');
    await wrapper.get('form.prefs-form').trigger('submit');
    await flushPromises();
    const put = server.callsTo('PUT', PATH)[0]!.body as DeliveryPreferenceValues;
    expect(put.preferred_channel).toBe('chat');
    expect(wrapper.get('[data-testid=pref-preferred_channel] dd').text()).toBe('Live chat');
    wrapper.unmount();
  });

  it('speaks Hindi and Kannada', async () => {
    serve('hi');
    let wrapper = await mountCard('hi');
    expect(wrapper.get('h2').text()).toBe('डिलीवरी की पसंद');
    expect(facts(wrapper)[0]).toEqual(['डिलीवरी का समय', 'सोम–शनि 07:00–16:00']);
    expect(wrapper.get('[data-testid=pref-preferred_channel] dd').text()).toContain('Dakshin Logistics से');
    wrapper.unmount();

    serve('kn');
    wrapper = await mountCard('kn');
    expect(wrapper.get('h2').text()).toBe('ವಿತರಣೆಯ ಆದ್ಯತೆಗಳು');
    expect(facts(wrapper)[0]![0]).toBe('ವಿತರಣೆಯ ಸಮಯ');
    await openEditor(wrapper);
    expect(wrapper.get('.window-add').text()).toBe('ಸಮಯ ಸೇರಿಸಿ');
    const channels = field<HTMLSelectElement>(wrapper, 'ಆದ್ಯತೆಯ ಮಾಧ್ಯಮ').findAll('option');
    expect(channels.map((o) => o.text())).toContain('ಲೈವ್ ಚಾಟ್');
    wrapper.unmount();
  });
});
