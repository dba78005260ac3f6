/// <reference types="vitest/config" />
import { defineConfig, type ProxyOptions } from 'vite';
import vue from '@vitejs/plugin-vue';

// The API server `npm run dev` talks to; `sahayak serve` listens here by default.
const apiTarget = process.env.SAHAYAK_API ?? 'http://127.0.0.1:8080';

// /api, with the live-chat socket (docs/chat.md). The server takes the console's socket only
// from its own origin, which through this proxy is the API server's, so the upgrade says so.
const apiProxy: ProxyOptions = {
  target: apiTarget,
  ws: true,
  configure: (proxy) => {
    proxy.on('proxyReqWs', (req) => req.setHeader('origin', new URL(apiTarget).origin));
  },
};

export default defineConfig({
  plugins: [vue()],
  define: {
    // Composition API only (Vue and vue-i18n), no devtools hooks in the production bundle.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
    __VUE_OPTIONS_API__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  server: {
    proxy: {
      '/api': apiProxy,
    },
  },
  preview: {
    proxy: {
      '/api': apiProxy,
    },
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // The server serves these files itself; no source maps in what it ships.
    sourcemap: false,
    rollupOptions: {
      output: {
        // The chunk of components the screens share would be named after its first module.
        chunkFileNames: (chunk) =>
          chunk.name.includes('_vue_type_') ? 'assets/shared-[hash].js' : 'assets/[name]-[hash].js',
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'widget/**/*.test.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
