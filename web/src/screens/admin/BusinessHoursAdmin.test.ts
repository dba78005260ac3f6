// Admin → Business hours, as an admin uses it: the schedules listed with their week and
// holidays, the default first; a new split-shift schedule built day by day; the server's 422
// beside the period and the holiday it names; an edit sent with If-Match; an .ics upload and
// the file's problems with their lines; deletion after a question; and the screen in Kannada.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BusinessHours } from '../../api/businessHours';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import BusinessHoursAdmin from './BusinessHoursAdmin.vue';

const T0 = '2026-12-01T10:00:00.000Z';
const BASE = '/api/v1/business-hours';

function hours(over: Partial<BusinessHours> = {}): BusinessHours {
  return {
    id: 3,
    name: 'Support desk',
    is_default: true,
    time_zone: 'Asia/Kolkata',
    always_open: false,
    periods: [
      { day: 'mon', start: '09:00', end: '13:00' },
      { day: 'mon', start: '14:00', end: '18:00' },
      { day: 'sat', start: '10:00', end: '14:00' },
    ],
    holidays: [{ date: '2026-01-26', name: 'Republic Day', calendar: 'India' }],
    group_ids: [],
    created_at: T0,
    updated_at: T0,
    version: 2,
    ...over,
  };
}

let server: FakeApi;

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ id: 1, role: 'admin', language }), csrf_token: 'c' });
  server.on('GET', BASE, {
    data: [hours({ id: 4, name: 'Chat', is_default: false, always_open: true, periods: [], holidays: [] }), hours()],
    next_cursor: null,
  });
}

beforeEach(() => serve());

const rows = (w: VueWrapper) => w.findAll('[data-testid="hours-row"]');

async function mountAdmin(locale: Language = 'en') {
  return mountScreen(BusinessHoursAdmin, { path: '/admin/business-hours', locale });
}

describe('BusinessHoursAdmin', () => {
  it('lists the schedules, the default first, with their week and holidays', async () => {
    const { wrapper, router } = await mountAdmin();
    expect(router.currentRoute.value.name).toBe('admin-business-hours');
    expect(wrapper.get('h1').text()).toBe('Business hours');
    const list = rows(wrapper);
    expect(list.map((r) => r.attributes('data-id'))).toEqual(['3', '4']);
    expect(list[0]!.text()).toContain('Default');
    expect(list[0]!.text()).toContain('Mon 09:00–13:00, 14:00–18:00 · Sat 10:00–14:00');
    expect(list[0]!.text()).toContain('1 holiday');
    expect(list[1]!.text()).toContain('Open 24/7');
    expect(list[1]!.text()).toContain('0 holidays');
    wrapper.unmount();
  });

  it('builds a split shift day by day and shows the refusal beside the period it names', async () => {
    let attempt = 0;
    server.on('POST', BASE, (call) => {
      attempt += 1;
      if (attempt === 1) {
        return problem(422, 'validation', 'these business hours cannot be used', [
          { field: 'periods[2]', message: 'overlaps periods[1] (mon 14:00–18:00)' },
          { field: 'holidays[0].name', message: 'is required' },
        ]);
      }
      return json(201, hours({ id: 9, ...(call.body as object), version: 1 }));
    });
    const { wrapper } = await mountAdmin();
    await wrapper.get('[data-testid="hours-create"]').trigger('click');
    await wrapper.get('#hours-name').setValue('Bengaluru desk');
    await wrapper.get('#hours-zone').setValue('Asia/Kolkata');
    // Monday: 09:00–13:00, then 14:00–18:00, then a third that overlaps.
    await wrapper.get('[data-testid="hours-add-mon"]').trigger('click');
    await wrapper.get('#hours-mon-0-end').setValue('13:00');
    await wrapper.get('[data-testid="hours-add-mon"]').trigger('click');
    expect((wrapper.get('#hours-mon-1-start').element as HTMLInputElement).value).toBe('13:00');
    await wrapper.get('#hours-mon-1-start').setValue('14:00');
    await wrapper.get('#hours-mon-1-end').setValue('18:00');
    await wrapper.get('[data-testid="hours-add-mon"]').trigger('click');
    await wrapper.get('#hours-mon-2-start').setValue('17:00');
    await wrapper.get('#hours-mon-2-end').setValue('19:00');
    await wrapper.get('[data-testid="hours-add-holiday"]').trigger('click');
    await wrapper.get('#hours-holiday-0-date').setValue('2026-11-01');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    const sent = server.callsTo('POST', BASE)[0]!.body as Record<string, unknown>;
    expect(sent).toEqual({
      name: 'Bengaluru desk',
      time_zone: 'Asia/Kolkata',
      always_open: false,
      is_default: false,
      periods: [
        { day: 'mon', start: '09:00', end: '13:00' },
        { day: 'mon', start: '14:00', end: '18:00' },
        { day: 'mon', start: '17:00', end: '19:00' },
      ],
      holidays: [{ date: '2026-11-01', name: '' }],
    });
    const errors = wrapper.findAll('[data-testid="hours-period-error"]');
    expect(errors.map((e) => e.text())).toEqual(['overlaps periods[1] (mon 14:00–18:00)']);
    expect(wrapper.get('#hours-mon-2-start').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#hours-mon-0-start').attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.get('[data-testid="hours-holiday-error"]').text()).toBe('This is required.');
    expect(rows(wrapper)).toHaveLength(2);

    // Fixed: the third period goes, the holiday gets its name.
    const periods = wrapper.findAll('[data-day="mon"] [data-testid="hours-period"]');
    await periods[2]!.get('button').trigger('click');
    await wrapper.get('#hours-holiday-0-name').setValue('Kannada Rajyotsava');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect((server.callsTo('POST', BASE)[1]!.body as { periods: unknown[] }).periods).toHaveLength(2);
    expect(wrapper.find('[data-testid="hours-editor"]').exists()).toBe(false);
    expect(rows(wrapper)).toHaveLength(3);
    expect(wrapper.text()).toContain('Added “Bengaluru desk”.');
    wrapper.unmount();
  });

  it('edits with If-Match and turns 24/7 on', async () => {
    server.on('PATCH', `${BASE}/3`, (call) => json(200, hours({ ...(call.body as object), version: 3 })));
    const { wrapper } = await mountAdmin();
    await rows(wrapper)[0]!.findAll('button')[0]!.trigger('click');
    expect((wrapper.get('#hours-name').element as HTMLInputElement).value).toBe('Support desk');
    expect(wrapper.findAll('[data-day="mon"] [data-testid="hours-period"]')).toHaveLength(2);
    await wrapper.get('[data-testid="hours-always-open"]').setValue(true);
    expect(wrapper.find('[data-testid="hours-week"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const call = server.callsTo('PATCH', `${BASE}/3`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"2"');
    expect((call.body as { always_open: boolean }).always_open).toBe(true);
    // The periods are kept for when 24/7 is turned off again.
    expect((call.body as { periods: unknown[] }).periods).toHaveLength(3);
    expect(rows(wrapper)[0]!.text()).toContain('Open 24/7');
    wrapper.unmount();
  });

  it('imports an .ics file and shows the lines it could not read', async () => {
    let attempt = 0;
    server.on('POST', `${BASE}/3/holidays/import`, () => {
      attempt += 1;
      if (attempt === 1) {
        return problem(422, 'validation', 'the calendar cannot be read', [
          { field: 'ics', message: 'line 7: DTEND is before DTSTART (line 6)' },
        ]);
      }
      return json(200, {
        ...hours({
          version: 3,
          holidays: [
            { date: '2026-01-26', name: 'Republic Day', calendar: 'India' },
            { date: '2026-11-01', name: 'Kannada Rajyotsava', calendar: 'Karnataka' },
          ],
        }),
        import: { events: 2, added: 1, already_present: 1 },
      });
    });
    const { wrapper } = await mountAdmin();
    await rows(wrapper)[0]!.findAll('button')[0]!.trigger('click');
    const input = wrapper.get('[data-testid="hours-ics"]');
    const file = new File(['BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'], 'karnataka.ics', { type: 'text/calendar' });
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    // The browser reads the file before it is sent.
    await vi.waitFor(() => expect(server.callsTo('POST', `${BASE}/3/holidays/import`)).toHaveLength(1));
    await flushPromises();
    const call = server.callsTo('POST', `${BASE}/3/holidays/import`)[0]!;
    expect(call.headers.get('Content-Type')).toContain('text/calendar');
    expect(call.headers.get('If-Match')).toBe('"2"');
    expect(call.body).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const failed = wrapper.get('[data-testid="hours-import-error"]');
    expect(failed.text()).toContain('nothing was imported');
    expect(failed.text()).toContain('line 7: DTEND is before DTSTART (line 6)');

    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    await vi.waitFor(() => expect(server.callsTo('POST', `${BASE}/3/holidays/import`)).toHaveLength(2));
    await flushPromises();
    // The editor stays open on the new version, with the imported holiday in its list.
    const names = wrapper.findAll('[data-testid="hours-holiday"] input[type="text"]');
    expect(names.map((n) => (n.element as HTMLInputElement).value)).toContain('Kannada Rajyotsava');
    expect(rows(wrapper)[0]!.text()).toContain('2 holidays');
    wrapper.unmount();
  });

  it('deletes a schedule after asking', async () => {
    server.on('DELETE', `${BASE}/4`, () => json(204, null));
    const { wrapper } = await mountAdmin();
    const chat = rows(wrapper)[1]!;
    await chat.get('[data-testid="hours-delete"]').trigger('click');
    await chat.get('.confirm-ask button.danger').trigger('click');
    await flushPromises();
    expect(server.callsTo('DELETE', `${BASE}/4`)).toHaveLength(1);
    expect(rows(wrapper)).toHaveLength(1);
    wrapper.unmount();
  });

  it('speaks Kannada', async () => {
    serve('kn');
    const { wrapper } = await mountAdmin('kn');
    expect(wrapper.get('h1').text()).toBe('ಕೆಲಸದ ಸಮಯ');
    expect(rows(wrapper)[0]!.text()).toContain('ಸೋಮ 09:00–13:00, 14:00–18:00');
    expect(rows(wrapper)[1]!.text()).toContain('24/7 ತೆರೆದಿರುತ್ತದೆ');
    wrapper.unmount();
  });
});
