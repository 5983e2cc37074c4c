import type { PaperworkKind } from '@glowdesk/contracts';
import { IconClipboardList, IconFileText, IconSignature } from '@tabler/icons-react';

const icons = { consent: IconSignature, questionnaire: IconClipboardList, instructions: IconFileText } as const;

export function PaperworkKindIcon({ kind, size = 18 }: { kind: PaperworkKind; size?: number }) {
  const Icon = icons[kind];
  return <Icon size={size} stroke={1.6} aria-hidden="true" />;
}
