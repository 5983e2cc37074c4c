import { Group, Text } from '@mantine/core';

/** The Glowdesk logo: a soft ring with a centre dot, and the word mark. */
export function BrandMark({
  size = 28,
  withWordmark = true,
  inverted = false,
}: {
  size?: number;
  withWordmark?: boolean;
  inverted?: boolean;
}) {
  const ink = inverted ? '#ffffff' : 'var(--mantine-color-lagoon-7)';
  return (
    <Group gap={10} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="9" fill={inverted ? 'rgba(255,255,255,0.16)' : 'var(--mantine-color-lagoon-7)'} />
        <circle cx="16" cy="16" r="7" fill="none" stroke="#f7fbfa" strokeWidth="3" />
        <circle cx="16" cy="16" r="2.6" fill="var(--mantine-color-blush-2)" />
      </svg>
      {withWordmark && (
        <Text component="span" fw={700} fz={size * 0.68} c={ink} style={{ letterSpacing: '-0.02em' }}>
          Glowdesk
        </Text>
      )}
    </Group>
  );
}
