import type { ServiceMode } from '@glowdesk/contracts';

export const serviceModeLabels: Record<ServiceMode, string> = { in_person: 'In person', virtual: 'Virtual', both: 'In person or virtual' };
