import { createBrowserRouter, Navigate } from 'react-router';
import { StaffLayout } from './layout/staff-layout.tsx';
import { AppointmentsRoute } from './routes/appointments-route.tsx';
import { ClientsRoute } from './routes/clients-route.tsx';
import { EmrRoute } from './routes/emr-route.tsx';
import { LoginRoute } from './routes/login-route.tsx';
import { MembershipsRoute } from './routes/memberships-route.tsx';
import { NotFoundRoute } from './routes/not-found-route.tsx';
import { RouteErrorPage } from './routes/route-error-page.tsx';
import { SalesRoute } from './routes/sales-route.tsx';
import { SettingsIndexRoute } from './routes/settings/settings-index-route.tsx';
import { SettingsLayout } from './routes/settings/settings-layout.tsx';
import { HOME_PATH, LOGIN_PATH } from './session-redirect.ts';

export function createStaffRouter() {
  return createBrowserRouter([
    { path: LOGIN_PATH, element: <LoginRoute />, errorElement: <RouteErrorPage /> },
    {
      path: '/',
      element: <StaffLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <Navigate to={HOME_PATH} replace /> },
        { path: 'appointments', element: <AppointmentsRoute /> },
        { path: 'clients', element: <ClientsRoute /> },
        { path: 'sales', element: <SalesRoute /> },
        { path: 'memberships', element: <MembershipsRoute /> },
        { path: 'emr', element: <EmrRoute /> },
        {
          path: 'settings',
          element: <SettingsLayout />,
          children: [
            { index: true, element: <SettingsIndexRoute /> },
            // Settings sections load on demand: most sessions never open them.
            {
              path: 'staff',
              lazy: async () => ({ Component: (await import('./routes/settings/staff-settings-route.tsx')).StaffSettingsRoute }),
            },
            { path: 'audit-log', lazy: async () => ({ Component: (await import('./routes/settings/audit-log-route.tsx')).AuditLogRoute }) },
          ],
        },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}

export type StaffRouter = ReturnType<typeof createStaffRouter>;
