import { createBrowserRouter } from 'react-router';
import { DashboardPage } from './dashboard/dashboard-page.tsx';
import { PortalFrame } from './layout/portal-frame.tsx';
import { SignedInLayout } from './layout/signed-in-layout.tsx';
import { UnknownPortalPage } from './layout/unknown-portal-page.tsx';
import { SignInPage } from './sign-in/sign-in-page.tsx';

/**
 * Sign-in and the dashboard are in the entry bundle (every visit starts on one of them);
 * the appointments and paperwork pages load when first opened.
 */
export function createPortalRouter() {
  return createBrowserRouter([
    {
      path: '/portal/:slug',
      element: <PortalFrame />,
      children: [
        { path: 'sign-in', element: <SignInPage /> },
        { path: 'sign-up', lazy: async () => ({ Component: (await import('./sign-up/sign-up-page.tsx')).SignUpPage }) },
        {
          element: <SignedInLayout />,
          children: [
            { index: true, element: <DashboardPage /> },
            {
              path: 'appointments',
              lazy: async () => ({ Component: (await import('./appointments/appointments-page.tsx')).AppointmentsPage }),
            },
            {
              path: 'notifications',
              lazy: async () => ({ Component: (await import('./notifications/notifications-page.tsx')).NotificationsPage }),
            },
            {
              path: 'paperwork',
              lazy: async () => ({ Component: (await import('./paperwork/paperwork-page.tsx')).PaperworkPage }),
            },
            {
              path: 'wallet',
              lazy: async () => ({ Component: (await import('./wallet/wallet-page.tsx')).WalletPage }),
            },
            {
              path: 'memberships',
              lazy: async () => ({ Component: (await import('./memberships/become-member-page.tsx')).BecomeMemberPage }),
            },
            {
              path: 'memberships/:membershipId/card',
              lazy: async () => ({ Component: (await import('./memberships/update-card-page.tsx')).UpdateCardPage }),
            },
            {
              path: 'payment-methods',
              lazy: async () => ({ Component: (await import('./payments/payment-methods-page.tsx')).PaymentMethodsPage }),
            },
            {
              path: 'payment-methods/history',
              lazy: async () => ({ Component: (await import('./payments/payment-history-page.tsx')).PaymentHistoryPage }),
            },
            {
              path: 'payment-methods/history/:invoiceId',
              lazy: async () => ({ Component: (await import('./payments/invoice-page.tsx')).InvoicePage }),
            },
            {
              path: 'medical-history',
              lazy: async () => ({ Component: (await import('./medical-history/medical-history-page.tsx')).MedicalHistoryPage }),
            },
            {
              path: 'prescriptions',
              lazy: async () => ({ Component: (await import('./prescriptions/prescriptions-page.tsx')).PrescriptionsPage }),
            },
            {
              path: 'profile',
              lazy: async () => ({ Component: (await import('./profile/profile-page.tsx')).ProfilePage }),
            },
          ],
        },
        { path: '*', element: <UnknownPortalPage reason="page" /> },
      ],
    },
    { path: '*', element: <UnknownPortalPage reason="address" /> },
  ]);
}
