// Mounts a screen the way the console runs it: real router (memory history) with the auth
// guard, real pinia stores and the real catalogues; only fetch is fake (see fakeApi.ts).
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import { createMemoryHistory, type Router } from 'vue-router';
import { api } from '../api/client';
import type { Language } from '../api/types';
import { i18n, setLanguage } from '../i18n';
import { createAppRouter } from '../router';

export interface Mounted {
  wrapper: VueWrapper;
  router: Router;
}

export async function mountScreen(
  component: Component,
  options: { path: string; locale: Language },
): Promise<Mounted> {
  const pinia = createPinia();
  setActivePinia(pinia);
  api.setCsrfToken(null);
  localStorage.clear();
  setLanguage(options.locale);
  const router = createAppRouter(createMemoryHistory());
  await router.push(options.path);
  await router.isReady();
  const wrapper = mount(component, {
    global: { plugins: [pinia, router, i18n] },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, router };
}
