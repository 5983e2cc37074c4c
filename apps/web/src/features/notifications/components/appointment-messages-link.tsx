import { Anchor, Group } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useSession } from '../../auth/components/session-context.tsx';
import { appointmentMessagesPath } from '../message-filters.ts';

/** Message bodies are patient data: providers do not read them (the server answers 403). */
const messageReaders = new Set(['owner', 'admin', 'front_desk']);

/** From an appointment to the emails and text messages sent about it, for the roles that may read them. */
export function AppointmentMessagesLink({ appointmentId, onNavigate }: { appointmentId: string; onNavigate?: () => void }) {
  const { staff } = useSession();
  if (!messageReaders.has(staff.role)) return null;
  return (
    <Anchor component={Link} to={appointmentMessagesPath(appointmentId)} size="sm" onClick={onNavigate} w="fit-content">
      <Group gap={6} component="span" wrap="nowrap">
        <IconMail size={16} stroke={1.6} aria-hidden="true" />
        Messages sent about this appointment
      </Group>
    </Anchor>
  );
}
