import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import type { Language } from '../../api/types';
import { FakeApi, problem } from '../../testing/fakeApi';
import { agent } from '../../testing/fixtures';
import { mountScreen } from '../../testing/mountScreen';
import ContractCard from './ContractCard.vue';
import { commerceHost, contract, summary } from './testData';

let server: FakeApi;
const PATH = '/api/v1/organisations/3/commerce';
const organisationId = ref(3);
const Host = commerceHost(ContractCard, 'organisation', organisationId);

const older = contract({
  id: 1,
  number: 'MSA-2025-002',
  plan: 'Starter',
  tier: 'standard',
  sla_tier: 'basic',
  start_on: '2025-04-01',
  end_on: null,
  renewal_on: null,
  state: 'expired',
  account_manager: null,
  document: null,
});

function serve(language: Language) {
  server = new FakeApi().install();
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'csrf-t' });
  server.on('GET', PATH, summary({ contracts: [contract(), older] }));
}

async function mountCard(locale: Language = 'en'): Promise<VueWrapper> {
  const { wrapper } = await mountScreen(Host, { path: '/tickets/1042', locale });
  return wrapper;
}

function words(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function facts(card: Omit<DOMWrapper<Element>, 'exists'>): string[][] {
  return card
    .findAll('.commerce-facts > div')
    .map((d) => [words(d.get('dt').text()), words(d.get('dd').text())]);
}

/** The renewal warning of the first contract with the clock at `now`, or null when none. */
async function renewalWarningAt(now: string, over = {}): Promise<string | null> {
  vi.setSystemTime(new Date(now));
  server.on('GET', PATH, summary({ contracts: [contract(over)] }));
  const wrapper = await mountCard();
  const warning = wrapper.find('[data-testid=contract-renewal-warning]');
  const text = warning.exists() ? warning.text() : null;
  wrapper.unmount();
  return text;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-04T05:30:00.000Z'));
  organisationId.value = 3;
  serve('en');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ContractCard', () => {
  it('shows the organisation’s contracts: plan, state, tiers, term, renewal, account manager, document', async () => {
    const wrapper = await mountCard();
    expect(server.callsTo('GET', PATH)).toHaveLength(1);
    expect(wrapper.get('h3').text()).toBe('Contracts');
    const [active, expired] = wrapper.findAll('[data-testid=contract]');
    expect(active!.attributes('aria-label')).toBe('Contract MSA-2026-007');
    expect(active!.get('[data-testid=contract-plan]').text()).toBe('Business Annual');
    expect(active!.get('.commerce-number').text()).toBe('MSA-2026-007');
    const state = active!.get('[data-testid=contract-state]');
    expect(state.text()).toBe('Active');
    expect(state.classes()).toContain('tone-done');
    expect(facts(active!)).toEqual([
      ['Tier', 'Enterprise'],
      ['SLA tier', 'Premium'],
      ['Term', 'Apr 1, 2026 – Mar 31, 2027'],
      ['Renewal', 'Mar 1, 2027'],
      ['Account manager', 'Arjun Shetty'],
    ]);
    const doc = active!.get('a[data-testid=contract-document]');
    expect(doc.text()).toBe('Signed copy (PDF)');
    expect(doc.attributes('href')).toBe('/api/v1/contracts/2/document');
    expect(doc.attributes('target')).toBe('_blank');
    expect(doc.attributes('rel')).toContain('noopener');
    expect(doc.attributes('aria-label')).toBe('Open the signed copy of contract MSA-2026-007 (new tab)');

    // Open-ended, nobody assigned, no signed copy: said in words, no empty rows or links.
    expect(expired!.get('[data-testid=contract-state]').text()).toBe('Expired');
    expect(facts(expired!)).toEqual([
      ['Tier', 'Standard'],
      ['SLA tier', 'Basic'],
      ['Term', 'From Apr 1, 2025, no end date'],
      ['Account manager', 'No account manager'],
    ]);
    expect(expired!.find('[data-testid=contract-document]').exists()).toBe(false);
    expect(wrapper.text()).not.toMatch(/null|undefined|NaN/);
    wrapper.unmount();
  });

  it('warns of a renewal within 30 days, and of one that has passed', async () => {
    expect(await renewalWarningAt('2026-12-04T05:30:00.000Z')).toBeNull();
    expect(await renewalWarningAt('2027-01-30T06:00:00.000Z')).toBe('Renews in 30 days');
    expect(await renewalWarningAt('2027-02-14T06:00:00.000Z')).toBe('Renews in 15 days');
    expect(await renewalWarningAt('2027-02-28T06:00:00.000Z')).toBe('Renews tomorrow');
    expect(await renewalWarningAt('2027-03-01T06:00:00.000Z')).toBe('Renews today');
    expect(await renewalWarningAt('2027-03-10T06:00:00.000Z')).toBe('Renewal date has passed');
    // An expired contract renews nothing.
    expect(await renewalWarningAt('2027-02-14T06:00:00.000Z', { state: 'expired' })).toBeNull();
  });

  it('marks the renewal warning where the agent looks for the date', async () => {
    vi.setSystemTime(new Date('2027-02-14T06:00:00.000Z'));
    const wrapper = await mountCard();
    const renewal = wrapper.get('[data-testid=contract-renewal]');
    expect(renewal.get('time').attributes('datetime')).toBe('2027-03-01');
    expect(renewal.get('[data-testid=contract-renewal-warning]').classes()).toContain('commerce-warning');
    wrapper.unmount();
  });

  it('says when the organisation has no contracts', async () => {
    server.on('GET', PATH, summary({ contracts: [] }));
    const wrapper = await mountCard();
    expect(wrapper.get('[data-testid=contracts-empty]').text()).toBe('No contracts for this organisation.');
    wrapper.unmount();
  });

  it('says in words when the contracts cannot be loaded, and tries again on request', async () => {
    server.on('GET', PATH, problem(503, 'unavailable'));
    const wrapper = await mountCard();
    expect(wrapper.get('[role=alert]').text()).toBe(
      'The server is busy or under maintenance. Try again shortly.',
    );
    server.on('GET', PATH, summary());
    await wrapper.get('button.secondary').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('[data-testid=contract]')).toHaveLength(1);
    wrapper.unmount();
  });

  it('speaks Hindi', async () => {
    serve('hi');
    vi.setSystemTime(new Date('2027-02-14T06:00:00.000Z'));
    const wrapper = await mountCard('hi');
    expect(wrapper.get('h3').text()).toBe('अनुबंध');
    const active = wrapper.get('[data-testid=contract]');
    expect(active.get('[data-testid=contract-state]').text()).toBe('सक्रिय');
    expect(facts(active).map(([term]) => term)).toEqual([
      'श्रेणी',
      'SLA स्तर',
      'अवधि',
      'नवीनीकरण',
      'अकाउंट मैनेजर',
    ]);
    expect(active.get('[data-testid=contract-tier]').text()).toBe('एंटरप्राइज़');
    expect(active.get('[data-testid=contract-period]').text()).toMatch(/^1 अप्रैल 2026 से 31 मार्च 2027 तक$/);
    expect(active.get('[data-testid=contract-renewal-warning]').text()).toBe('15 दिन में नवीनीकरण');
    expect(wrapper.findAll('[data-testid=contract-state]')[1]!.text()).toBe('समाप्त');
    wrapper.unmount();
  });

  it('speaks Kannada too', async () => {
    serve('kn');
    const wrapper = await mountCard('kn');
    expect(wrapper.get('h3').text()).toBe('ಒಪ್ಪಂದಗಳು');
    expect(wrapper.get('[data-testid=contract-state]').text()).toBe('ಸಕ್ರಿಯ');
    expect(wrapper.get('[data-testid=contract-document]').text()).toBe('ಸಹಿ ಮಾಡಿದ ಪ್ರತಿ (PDF)');
    wrapper.unmount();
  });
});
