import { CheckIcon, ColorInput, ColorSwatch, Group, Input, Stack, UnstyledButton } from '@mantine/core';
import { providerPalette } from './provider-colors.ts';

interface ColorSwatchPickerProps {
  label: string;
  value: string;
  onChange: (color: string) => void;
  error: string | undefined;
  description?: string;
}

/** A row of palette swatches (a radio group) plus a hex field for any other color. */
export function ColorSwatchPicker({ label, value, onChange, error, description }: ColorSwatchPickerProps) {
  const selected = value.toLowerCase();
  return (
    <Input.Wrapper label={label} description={description} error={error}>
      <Stack gap="xs" mt={6}>
        <Group gap={8} role="radiogroup" aria-label={label}>
          {providerPalette.map((color) => {
            const checked = selected === color.hex;
            return (
              <UnstyledButton
                key={color.hex}
                role="radio"
                aria-checked={checked}
                aria-label={color.name}
                title={color.name}
                onClick={() => onChange(color.hex)}
                style={{ borderRadius: '50%' }}
              >
                <ColorSwatch
                  component="span"
                  color={color.hex}
                  size={28}
                  style={{ color: '#fff', outline: checked ? '2px solid var(--mantine-color-dark-3)' : undefined, outlineOffset: 2 }}
                >
                  {checked && <CheckIcon size={12} />}
                </ColorSwatch>
              </UnstyledButton>
            );
          })}
        </Group>
        <ColorInput
          aria-label={`${label}, hex`}
          format="hex"
          value={value}
          onChange={onChange}
          w={160}
          size="xs"
          withEyeDropper={false}
          swatches={[]}
        />
      </Stack>
    </Input.Wrapper>
  );
}
