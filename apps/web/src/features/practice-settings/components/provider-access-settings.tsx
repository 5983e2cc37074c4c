import { PracticeSettingSwitch, type PracticeSettingWords } from './practice-setting-switch.tsx';

const words: PracticeSettingWords = {
  title: 'Provider access',
  intro: 'Owners, admins and the front desk always work on every appointment and every client. This decides what providers may do.',
  label: 'Providers can change every appointment and see every client',
  description: (on) =>
    on
      ? 'On: providers confirm, check in, reschedule, cancel, mark no-shows on and edit any appointment, and open any client’s profile.'
      : 'Off (recommended): a provider changes only the appointments booked with them and books only in their own column. They open a client’s profile, forms and appointment history only when that client has an appointment with them, past or upcoming, even a cancelled one. Everyone still sees the whole book.',
  saved: {
    title: 'Provider access saved',
    message: (on) =>
      on
        ? 'Providers can now change every appointment and see every client.'
        : 'Providers now change only their own appointments and see only their own clients.',
  },
  notSaved: 'Provider access was not saved',
};

/** The practice setting that decides whether providers act on colleagues' appointments and see every client. */
export function ProviderAccessSettings({ canManage }: { canManage: boolean }) {
  return <PracticeSettingSwitch setting="providersManageAllAppointments" words={words} canManage={canManage} />;
}
