import type { ResourceKind } from '@glowdesk/contracts';

export const resourceKindLabels: Record<ResourceKind, string> = { room: 'Room', equipment: 'Equipment' };
