import { createBrowserRouter, Navigate } from 'react-router';
import { StaffLayout } from './layout/staff-layout.tsx';
import { LoginRoute } from './routes/login-route.tsx';
import { NotFoundRoute } from './routes/not-found-route.tsx';
import { RouteErrorPage } from './routes/route-error-page.tsx';
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
        // The book and Clients load as their own chunks (with the date pickers), fetched while the session loads.
        { path: 'appointments', lazy: async () => ({ Component: (await import('./routes/appointments-route.tsx')).AppointmentsRoute }) },
        { path: 'appointments/no-shows', lazy: async () => ({ Component: (await import('./routes/no-shows-route.tsx')).NoShowsRoute }) },
        { path: 'clients', lazy: async () => ({ Component: (await import('./routes/clients-route.tsx')).ClientsRoute }) },
        {
          path: 'clients/:patientId',
          lazy: async () => ({ Component: (await import('./routes/client-profile-route.tsx')).ClientProfileRoute }),
        },
        { path: 'sales', lazy: async () => ({ Component: (await import('./routes/sales-route.tsx')).SalesRoute }) },
        { path: 'sales/invoices/:invoiceId', lazy: async () => ({ Component: (await import('./routes/invoice-route.tsx')).InvoiceRoute }) },
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
            {
              path: 'clinics',
              lazy: async () => ({ Component: (await import('./routes/settings/clinics-settings-route.tsx')).ClinicsSettingsRoute }),
            },
            {
              path: 'rooms-and-equipment',
              lazy: async () => ({ Component: (await import('./routes/settings/resources-settings-route.tsx')).ResourcesSettingsRoute }),
            },
            {
              path: 'services',
              lazy: async () => ({ Component: (await import('./routes/settings/services-settings-route.tsx')).ServicesSettingsRoute }),
            },
            {
              path: 'packages',
              lazy: async () => ({ Component: (await import('./routes/settings/packages-settings-route.tsx')).PackagesSettingsRoute }),
            },
            {
              path: 'forms',
              lazy: async () => ({ Component: (await import('./routes/settings/forms-settings-route.tsx')).FormsSettingsRoute }),
            },
            {
              path: 'providers',
              lazy: async () => ({ Component: (await import('./routes/settings/providers-settings-route.tsx')).ProvidersSettingsRoute }),
            },
            {
              path: 'schedules',
              lazy: async () => ({ Component: (await import('./routes/settings/schedules-settings-route.tsx')).SchedulesSettingsRoute }),
            },
            {
              path: 'messages',
              lazy: async () => ({ Component: (await import('./routes/settings/messages-settings-route.tsx')).MessagesSettingsRoute }),
            },
            {
              path: 'message-templates',
              lazy: async () => ({
                Component: (await import('./routes/settings/message-templates-settings-route.tsx')).MessageTemplatesSettingsRoute,
              }),
            },
            {
              path: 'reminders',
              lazy: async () => ({ Component: (await import('./routes/settings/reminders-settings-route.tsx')).RemindersSettingsRoute }),
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
