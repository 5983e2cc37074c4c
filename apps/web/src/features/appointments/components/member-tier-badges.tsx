import { Badge, Group } from '@mantine/core';
import type { BookAppointment } from '../api/appointment-schema.ts';

/** The patient's membership tiers in their plans' colours (the appointment drawer, beside the name). */
export function MemberTierBadges({ tiers }: { tiers: BookAppointment['memberTiers'] }) {
  if (!tiers || tiers.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap">
      {tiers.map((tier) => (
        <Badge
          key={tier.name}
          size="sm"
          variant="outline"
          tt="none"
          data-tier={tier.name}
          leftSection={
            <span
              aria-hidden="true"
              style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: tier.color ?? '#7b61ff' }}
            />
          }
          style={{ borderColor: tier.color ?? '#7b61ff', color: '#1f2937' }}
        >
          {tier.name} member
        </Badge>
      ))}
    </Group>
  );
}
