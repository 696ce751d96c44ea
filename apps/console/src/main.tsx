import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { CSSVariablesResolver, MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setNonce } from 'get-nonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { ErrorBoundary } from './components/feedback';
import './i18n';
import { router } from './routes';

/** The nonce the gateway put in this page's CSP, for the <style> tags Mantine adds at run time. */
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;

// Modals and drawers lock scrolling with a <style> tag (react-remove-scroll); it takes its nonce from here.
if (nonce) setNonce(nonce);

const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white text on filled buttons above WCAG AA contrast (shade 6 does not).
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif',
  // Visible keyboard focus everywhere, not only where the browser decides.
  focusRing: 'auto',
});

/** Dimmed text one step darker than Mantine's default, for WCAG AA contrast on white and light grey. */
const contrast: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' }, dark: {} });

/** A 403 may mean the member's role changed since the page loaded: re-read it, and the pages follow. */
const onError = (err: unknown) => {
  if (err instanceof ApiError && err.status === 403) void queryClient.invalidateQueries({ queryKey: ['workspace'] });
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // 4xx answers are the API's word; retrying them only delays the message.
      retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} getStyleNonce={() => nonce ?? ''} cssVariablesResolver={contrast}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <ErrorBoundary>
          <RouterProvider router={router} />
        </ErrorBoundary>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
