// The live-chat widget (web/widget/): one self-contained script, dist/widget.js, that
// `sahayak serve` serves at /widget.js for other sites to embed. No framework, no chunks. It
// builds into the console's dist/ after the console's own build, so it must not empty it.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  esbuild: {
    // Lowered class fields would need a helper that Vite puts outside the IIFE, as globals of
    // the host page; plain assignments need none.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    // Visitors' browsers, not agents': older phones too.
    target: 'es2019',
    sourcemap: false,
    lib: {
      entry: 'widget/main.ts',
      formats: ['iife'],
      name: 'SahayakChat',
      fileName: () => 'widget.js',
    },
  },
});
