import { Suspense, lazy } from 'react';
import { Outlet, createBrowserRouter, useLocation } from 'react-router';
import { SetupPage, SigninPage } from './auth/auth-pages';
import { ErrorBoundary, PageLoader } from './components/feedback';
import { RoleGate } from './components/forbidden';
import { ConsoleLayout, HomeRedirect, NotFoundPage } from './layout/console-layout';

// Each area is its own chunk: the first page loads only the shell and what it shows.
const AppsPage = lazy(() => import('./apps/apps-page'));
const AppDetail = lazy(() => import('./apps/app-detail'));
const DatasetsPage = lazy(() => import('./knowledge/datasets-page'));
const DatasetDetail = lazy(() => import('./knowledge/dataset-detail'));
const SettingsPage = lazy(() => import('./settings/settings-page'));
const WebApp = lazy(() => import('./webapp/web-app'));
const ActivatePage = lazy(() => import('./auth/activate-page'));
const RegisterPage = lazy(() => import('./auth/register-page'));
const ForgotPasswordPage = lazy(() => import('./auth/password-pages').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('./auth/password-pages').then((m) => ({ default: m.ResetPasswordPage })));

function Standalone() {
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </ErrorBoundary>
  );
}

export const router = createBrowserRouter([
  {
    element: <Standalone />,
    children: [
      { path: '/install', element: <SetupPage /> },
      { path: '/signin', element: <SigninPage /> },
      { path: '/activate', element: <ActivatePage /> },
      { path: '/register', element: <RegisterPage /> },
      // Reset links say /forgot-password?token= (as Dify's do); /reset-password?token= is the same page.
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/chat/:code', element: <WebApp kind="chat" /> },
      { path: '/completion/:code', element: <WebApp kind="completion" /> },
      { path: '/workflow/:code', element: <WebApp kind="workflow" /> },
    ],
  },
  {
    element: <ConsoleLayout />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      {
        path: '/apps',
        element: (
          <RoleGate allow={(c) => c.viewApps}>
            <AppsPage />
          </RoleGate>
        ),
      },
      {
        path: '/apps/:appId/:tab?',
        element: (
          <RoleGate allow={(c) => c.viewApps}>
            <AppDetail />
          </RoleGate>
        ),
      },
      { path: '/datasets', element: <DatasetsPage /> },
      { path: '/datasets/:datasetId/:tab?/:docId?', element: <DatasetDetail /> },
      { path: '/settings/:tab?', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
