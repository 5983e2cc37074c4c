import { useEffect } from 'react';
import { clearNotificationPrompts, dismissNotificationPrompt, useNotificationPrompt } from '../notification-prompt.ts';
import { NotifyPatientModal } from './notify-patient-modal.tsx';

/** Shows the pop-up `askToNotifyPatient` asks for; mounted once, inside the signed-in layout. */
export function AppointmentNotificationHost() {
  const prompt = useNotificationPrompt();
  // Signing out leaves nothing waiting for whoever signs in next.
  useEffect(() => clearNotificationPrompts, []);
  return <NotifyPatientModal prompt={prompt} onClose={dismissNotificationPrompt} />;
}
