// The self-service card on the knowledge-base home: the figures of the last 30 days, other
// periods, the articles opened most
// linking to their editor, and what an agent sees when the figures cannot be had.
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeflectionFigures } from '../../api/deflection';
import type { Language } from '../../api/types';
import { FakeApi, json, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import KbScreen from './KbScreen.vue';
import { kbCategory } from './testData';

let server: FakeApi;
let unmount: (() => void) | null = null;

const FIGURES: DeflectionFigures = {
  attempts: 1240,
  pending: 3,
  clicked: 610,
  submitted: 702,
  deflected: 538,
  deflection_rate: 0.4339,
  articles: [
    { id: 12, title: 'Track your parcel', clicks: 301, deflected: 199 },
    { id: 15, title: 'Customs documents for international shipments', clicks: 88, deflected: 40 },
  ],
};

function serve(language: Language = 'en') {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ role: 'agent', language }), csrf_token: 'c' });
  server.on('GET', '/api/v1/kb/categories', { items: [kbCategory()] });
  server.on('GET', '/api/v1/kb/articles', { items: [], next_cursor: null });
  server.on('GET', '/api/v1/kb/deflection', FIGURES);
}

async function open(locale: Language = 'en') {
  const m = await mountScreen(KbScreen, { path: '/kb', locale });
  unmount = () => m.wrapper.unmount();
  return m;
}

beforeEach(() => serve());
afterEach(() => {
  unmount?.();
  unmount = null;
  vi.useRealTimers();
});

function stat(wrapper: Awaited<ReturnType<typeof open>>['wrapper'], key: string): string {
  return wrapper.get(`[data-testid="kb-deflection-stat"][data-stat="${key}"] dd`).text();
}

describe('DeflectionCard', () => {
  it('shows the last 30 days: figures, rate and the top articles linking to their editor', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T12:00:00.000Z'));
    const { wrapper } = await open();
    const card = wrapper.get('[data-testid="kb-deflection"]');
    expect(card.get('h2').text()).toBe('Self-service');
    const calls = server.callsTo('GET', '/api/v1/kb/deflection');
    expect(calls).toHaveLength(1);
    // Thirty calendar days, today included.
    expect(calls[0]!.query.get('from')).toBe('2026-11-04');
    expect(calls[0]!.query.get('to')).toBe('2026-12-03');
    expect((card.get('[data-testid="kb-deflection-period"]').element as HTMLSelectElement).value).toBe('30');
    expect(stat(wrapper, 'attempts')).toBe('1,240');
    expect(stat(wrapper, 'clicked')).toBe('610');
    expect(stat(wrapper, 'submitted')).toBe('702');
    expect(stat(wrapper, 'deflected')).toBe('538');
    expect(stat(wrapper, 'rate')).toBe('43%');
    expect(card.get('[data-testid="kb-deflection-pending"]').text()).toContain('3 more');
    const articles = card.findAll('[data-testid="kb-deflection-article"]');
    expect(articles).toHaveLength(2);
    expect(articles[0]!.get('a').text()).toBe('Track your parcel');
    expect(articles[0]!.get('a').attributes('href')).toBe('/kb/articles/12');
    expect(articles[0]!.findAll('td').map((td) => td.text())).toEqual(['301', '199']);
    expect(articles[1]!.get('a').attributes('href')).toBe('/kb/articles/15');
  });

  it('asks for another period, in Hindi words', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T12:00:00.000Z'));
    serve('hi');
    server.on('GET', '/api/v1/kb/deflection', (call) =>
      call.query.get('from') === '2026-11-27'
        ? json(200, { attempts: 0, clicked: 0, submitted: 0, deflected: 0, deflection_rate: 0, articles: [] })
        : json(200, FIGURES),
    );
    const { wrapper } = await open('hi');
    const select = wrapper.get('[data-testid="kb-deflection-period"]');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['पिछले 7 दिन', 'पिछले 30 दिन', 'पिछले 90 दिन']);
    await select.setValue('7');
    await flushPromises();
    const call = server.callsTo('GET', '/api/v1/kb/deflection')[1]!;
    expect(call.query.get('from')).toBe('2026-11-27');
    expect(call.query.get('to')).toBe('2026-12-03');
    expect(stat(wrapper, 'attempts')).toBe('0');
    expect(stat(wrapper, 'rate')).toBe('0%');
    expect(wrapper.get('[data-testid="kb-deflection"]').text()).toContain('इस अवधि में कोई लेख सुझाया नहीं गया।');
    expect(wrapper.findAll('[data-testid="kb-deflection-article"]')).toHaveLength(0);
  });

  it('says when the figures cannot be loaded, and tries again on request', async () => {
    serve('kn');
    server.on('GET', '/api/v1/kb/deflection', problem(503, 'unavailable', 'busy'));
    const { wrapper } = await open('kn');
    const card = wrapper.get('[data-testid="kb-deflection"]');
    expect(card.get('[role="alert"]').text()).toContain('ಸರ್ವರ್ ಕಾರ್ಯನಿರತವಾಗಿದೆ ಅಥವಾ ನಿರ್ವಹಣೆಯಲ್ಲಿದೆ. ಸ್ವಲ್ಪ ಸಮಯದ ನಂತರ ಮತ್ತೆ ಪ್ರಯತ್ನಿಸಿ.');
    expect(card.find('[data-testid="kb-deflection-stat"]').exists()).toBe(false);
    server.on('GET', '/api/v1/kb/deflection', FIGURES);
    await card.get('[role="alert"] button').trigger('click');
    await flushPromises();
    expect(stat(wrapper, 'attempts')).toBe('1,240');
    expect(wrapper.get('[data-testid="kb-deflection-stat"][data-stat="rate"] dt').text()).toBe('ಡಿಫ್ಲೆಕ್ಷನ್ ದರ');
  });

  it('is left out for an agent who may not see the figures', async () => {
    server.on('GET', '/api/v1/kb/deflection', problem(403, 'forbidden', 'admins only'));
    const { wrapper } = await open();
    expect(wrapper.find('[data-testid="kb-deflection"]').exists()).toBe(false);
    expect(wrapper.get('h1').text()).toBe('Knowledge base');
  });
});
