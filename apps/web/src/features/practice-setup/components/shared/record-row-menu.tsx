import { ActionIcon, Menu } from '@mantine/core';
import { IconCircleCheck, IconCircleOff, IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RecordAction } from './record-action.ts';

interface RecordRowMenuProps {
  /** Names the row for screen readers: "Actions for SoHo". */
  name: string;
  active: boolean;
  onEdit: () => void;
  onAction: (action: RecordAction) => void;
  /** Record-specific items, shown after Edit. */
  children?: ReactNode;
}

export function RecordRowMenu({ name, active, onEdit, onAction, children }: RecordRowMenuProps) {
  return (
    <Menu position="bottom-end" width={220} shadow="md" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit}>
          Edit
        </Menu.Item>
        {children}
        {active ? (
          <Menu.Item leftSection={<IconCircleOff size={16} />} onClick={() => onAction('deactivate')}>
            Deactivate
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconCircleCheck size={16} />} onClick={() => onAction('reactivate')}>
            Reactivate
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => onAction('delete')}>
          Delete
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
