import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { SetupPage, SigninPage } from './auth/auth-pages';
import { ErrorBoundary, PageLoader } from './components/feedback';
import { ConsoleLayout, NotFoundPage } from './layout/console-layout';

// Each area is its own chunk: the first page loads only the shell and what it shows.
const AppsPage = lazy(() => import('./apps/apps-page'));
const AppDetail = lazy(() => import('./apps/app-detail'));
const DatasetsPage = lazy(() => import('./knowledge/datasets-page'));
const DatasetDetail = lazy(() => import('./knowledge/dataset-detail'));
const SettingsPage = lazy(() => import('./settings/settings-page'));
const WebApp = lazy(() => import('./webapp/web-app'));

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
      { path: '/chat/:code', element: <WebApp kind="chat" /> },
      { path: '/completion/:code', element: <WebApp kind="completion" /> },
      { path: '/workflow/:code', element: <WebApp kind="workflow" /> },
    ],
  },
  {
    element: <ConsoleLayout />,
    children: [
      { path: '/', element: <Navigate to="/apps" replace /> },
      { path: '/apps', element: <AppsPage /> },
      { path: '/apps/:appId/:tab?', element: <AppDetail /> },
      { path: '/datasets', element: <DatasetsPage /> },
      { path: '/datasets/:datasetId/:tab?/:docId?', element: <DatasetDetail /> },
      { path: '/settings/:tab?', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
