// Tickets from the web form and the customer portal carry the channels `web` and `portal`:
// every place that names a channel (the customer's ticket list, the search facets) names
// these in the agent's language, as it does e-mail.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { CHANNELS, type Language } from '../api/types';
import { catalogues, i18n, setLanguage } from '../i18n';
import { createAppRouter } from '../router';
import { FakeApi } from '../testing/fakeApi';
import { agent, ticket } from '../testing/fixtures';
import ContactTicketItem from './contact/ContactTicketItem.vue';
import FacetPanel from './search/FacetPanel.vue';

const EXPECTED: Record<Language, { web: string; portal: string }> = {
  en: { web: 'web form', portal: 'portal' },
  hi: { web: 'वेब फ़ॉर्म', portal: 'पोर्टल' },
  kn: { web: 'ವೆಬ್ ಫಾರ್ಮ್', portal: 'ಪೋರ್ಟಲ್' },
};

let server: FakeApi;
beforeEach(() => {
  server = new FakeApi().install();
});

async function mountWith(language: Language, component: object, props: Record<string, unknown>) {
  // The session's language wins over the one set here, as in the console.
  server.on('GET', '/api/v1/auth/me', { agent: agent({ language }), csrf_token: 'c' });
  const pinia = createPinia();
  setActivePinia(pinia);
  setLanguage(language);
  const router = createAppRouter(createMemoryHistory());
  await router.push('/search');
  await router.isReady();
  const wrapper = mount(component, { props, global: { plugins: [pinia, router, i18n] } });
  await flushPromises();
  return wrapper;
}

describe('channels web and portal', () => {
  it('have a name in every catalogue, and Hindi and Kannada names are not English', () => {
    for (const lang of ['en', 'hi', 'kn'] as const) {
      const names = catalogues[lang].channel as Record<string, string>;
      for (const c of CHANNELS) {
        expect(names[c], `${lang} channel.${c}`).toBeTruthy();
      }
      expect(names.web).toBe(EXPECTED[lang].web);
      expect(names.portal).toBe(EXPECTED[lang].portal);
    }
  });

  it.each(['en', 'hi', 'kn'] as const)('are named in the customer’s ticket list and the search facets (%s)', async (lang) => {
    const item = await mountWith(lang, ContactTicketItem, { ticket: ticket({ channel: 'portal' }) });
    expect(item.text()).toContain(EXPECTED[lang].portal);
    item.unmount();

    const facets = await mountWith(lang, FacetPanel, { facets: { channel: { web: 4, portal: 2, email: 9 } } });
    const labels = facets.findAll('[data-facet="channel"] .facet-label').map((l) => l.text());
    expect(labels).toEqual([catalogues[lang].channel.email, EXPECTED[lang].web, EXPECTED[lang].portal]);
    facets.unmount();
  });
});
