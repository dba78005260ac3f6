import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { api } from './api/client';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';
// The stylesheet also declares the Noto fonts the app ships (Latin, Devanagari, Kannada; 400 and
// 600), bundled from @fontsource into /assets: see the top of main.css.
import './styles/main.css';

const app = createApp(App);
const pinia = createPinia();
const router = createAppRouter();
app.use(pinia).use(router).use(i18n);

// A 401 on an ordinary request means the session expired or was ended elsewhere: back to
// sign-in, and then back to this page.
api.onUnauthenticated = () => {
  useSessionStore(pinia).clear();
  const here = router.currentRoute.value;
  if (!here.meta.public) {
    void router.push({ name: 'login', query: { redirect: here.fullPath } });
  }
};

app.mount('#app');
