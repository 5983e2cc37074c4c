import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconFileText, IconFilePlus, IconUser } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { chartPath, clientProfilePath } from '../emr-paths.ts';

interface EmrRowActionsProps {
  /** Whose row it is, for the button's name ("Actions for Ana Diaz"). */
  name: string;
  patientId: string;
  /** The row's procedure, when one was started: Open Chart instead of New Procedure. */
  procedureId?: string | null;
  /** Roles that chart see New Procedure and Open Chart. */
  charts: boolean;
  onNewProcedure: () => void;
}

/** The three-dots menu of a Patients or Bookings row: New Procedure (or Open Chart) and View Patient Profile. */
export function EmrRowActions({ name, patientId, procedureId, charts, onNewProcedure }: EmrRowActionsProps) {
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {charts &&
          (procedureId ? (
            <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => void navigate(chartPath(procedureId))}>
              Open Chart
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconFilePlus size={16} />} onClick={onNewProcedure}>
              New Procedure
            </Menu.Item>
          ))}
        <Menu.Item leftSection={<IconUser size={16} />} onClick={() => void navigate(clientProfilePath(patientId))}>
          View Patient Profile
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
