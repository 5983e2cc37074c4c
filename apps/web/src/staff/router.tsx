import { createBrowserRouter, Navigate } from 'react-router';
import { FullPageLoader } from '../shared/layout/full-page-loader.tsx';
import { LoginRoute } from './routes/login-route.tsx';
import { RouteErrorPage } from './routes/route-error-page.tsx';
import { HOME_PATH, LOGIN_PATH } from './session-redirect.ts';

/**
 * The sign-in page is part of the entry chunk (one compressed file instead of a dozen small
 * ones); everything behind sign-in, the signed-in frame included, loads as chunks of its own,
 * so the sign-in page downloads none of it and a page fetches its chunk in parallel with the
 * frame's while the session loads.
 */
export function createStaffRouter() {
  return createBrowserRouter([
    { path: LOGIN_PATH, element: <LoginRoute />, errorElement: <RouteErrorPage /> },
    {
      path: '/',
      lazy: async () => ({ Component: (await import('./layout/staff-layout.tsx')).StaffLayout }),
      hydrateFallbackElement: <FullPageLoader label="Opening your practice…" />,
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <Navigate to={HOME_PATH} replace /> },
        { path: 'appointments', lazy: async () => ({ Component: (await import('./routes/appointments-route.tsx')).AppointmentsRoute }) },
        { path: 'appointments/no-shows', lazy: async () => ({ Component: (await import('./routes/no-shows-route.tsx')).NoShowsRoute }) },
        { path: 'clients', lazy: async () => ({ Component: (await import('./routes/clients-route.tsx')).ClientsRoute }) },
        {
          path: 'clients/portal-registrations',
          lazy: async () => ({ Component: (await import('./routes/portal-registrations-route.tsx')).PortalRegistrationsRoute }),
        },
        {
          path: 'clients/:patientId',
          lazy: async () => ({ Component: (await import('./routes/client-profile-route.tsx')).ClientProfileRoute }),
        },
        { path: 'emr', lazy: async () => ({ Component: (await import('./routes/emr-route.tsx')).EmrRoute }) },
        {
          path: 'emr/procedures/new',
          lazy: async () => ({ Component: (await import('./routes/new-procedure-route.tsx')).NewProcedureRoute }),
        },
        { path: 'emr/md-review', lazy: async () => ({ Component: (await import('./routes/md-review-route.tsx')).MdReviewRoute }) },
        { path: 'emr/lots', lazy: async () => ({ Component: (await import('./routes/inventory-lots-route.tsx')).InventoryLotsRoute }) },
        { path: 'emr/lots/:lotId', lazy: async () => ({ Component: (await import('./routes/lot-detail-route.tsx')).LotDetailRoute }) },
        {
          path: 'emr/procedure-types',
          lazy: async () => ({ Component: (await import('./routes/procedure-types-route.tsx')).ProcedureTypesRoute }),
        },
        {
          path: 'emr/procedures/:procedureId',
          lazy: async () => ({ Component: (await import('./routes/procedure-chart-route.tsx')).ProcedureChartRoute }),
        },
        { path: 'sales', lazy: async () => ({ Component: (await import('./routes/sales-route.tsx')).SalesRoute }) },
        { path: 'sales/invoices/:invoiceId', lazy: async () => ({ Component: (await import('./routes/invoice-route.tsx')).InvoiceRoute }) },
        { path: 'memberships', lazy: async () => ({ Component: (await import('./routes/memberships-route.tsx')).MembershipsRoute }) },
        {
          path: 'memberships/:membershipId',
          lazy: async () => ({ Component: (await import('./routes/membership-route.tsx')).MembershipRoute }),
        },
        {
          path: 'settings',
          lazy: async () => ({ Component: (await import('./routes/settings/settings-layout.tsx')).SettingsLayout }),
          children: [
            {
              index: true,
              lazy: async () => ({ Component: (await import('./routes/settings/settings-index-route.tsx')).SettingsIndexRoute }),
            },
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
              path: 'memberships',
              lazy: async () => ({
                Component: (await import('./routes/settings/memberships-settings-route.tsx')).MembershipsSettingsRoute,
              }),
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
            {
              path: 'booking-portal',
              lazy: async () => ({
                Component: (await import('./routes/settings/booking-portal-settings-route.tsx')).BookingPortalSettingsRoute,
              }),
            },
            {
              path: 'wallet',
              lazy: async () => ({ Component: (await import('./routes/settings/wallet-settings-route.tsx')).WalletSettingsRoute }),
            },
            {
              path: 'provider-access',
              lazy: async () => ({
                Component: (await import('./routes/settings/provider-access-settings-route.tsx')).ProviderAccessSettingsRoute,
              }),
            },
            { path: 'audit-log', lazy: async () => ({ Component: (await import('./routes/settings/audit-log-route.tsx')).AuditLogRoute }) },
          ],
        },
        { path: '*', lazy: async () => ({ Component: (await import('./routes/not-found-route.tsx')).NotFoundRoute }) },
      ],
    },
  ]);
}

export type StaffRouter = ReturnType<typeof createStaffRouter>;
