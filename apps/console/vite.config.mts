import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const gateway = process.env.SLUICE_URL ?? 'http://127.0.0.1:5001';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // The gateway swaps this placeholder for a fresh nonce per response (see apps/gateway/src/console-ui);
  // Vite puts it on its own tags and in <meta property="csp-nonce"> for styles added at run time.
  html: { cspNonce: '__CSP_NONCE__' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: {
        // Long-lived vendor chunks that change less often than the app's own code.
        manualChunks(id: string) {
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(['/console/api', '/api', '/v1', '/health'].map((p) => [p, gateway])),
  },
});
