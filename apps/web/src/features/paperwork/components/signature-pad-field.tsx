import { Button, Group, Input, Text } from '@mantine/core';
import SignaturePad from 'signature_pad';
import { useEffect, useId, useRef } from 'react';

const PAD_HEIGHT = 160;

/**
 * A drawn signature (mouse, pen or finger). Reports the drawing as a PNG data URL after each
 * stroke, and null once cleared.
 */
export function SignaturePadField({
  label,
  error,
  onChange,
}: {
  label: string;
  error?: string | undefined;
  onChange: (dataUrl: string | null) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  const hintId = useId();

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    // Draw at the screen's pixel density so the signature stays sharp.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = PAD_HEIGHT * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { penColor: '#111827' });
    const report = () => onChangeRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', report);
    padRef.current = pad;
    return () => {
      pad.removeEventListener('endStroke', report);
      pad.off();
      padRef.current = null;
    };
  }, []);

  function clear() {
    padRef.current?.clear();
    onChange(null);
  }

  return (
    <Input.Wrapper label={label} required error={error}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`${label}: draw here`}
        aria-describedby={hintId}
        style={{
          display: 'block',
          width: '100%',
          height: PAD_HEIGHT,
          border: `1px solid ${error ? 'var(--mantine-color-red-6)' : 'var(--glowdesk-border)'}`,
          borderRadius: 'var(--mantine-radius-sm)',
          background: 'white',
          touchAction: 'none',
        }}
      />
      <Group justify="space-between" mt={4}>
        <Text id={hintId} size="xs" c="dimmed">
          Sign with your mouse, pen or finger.
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={clear}>
          Clear
        </Button>
      </Group>
    </Input.Wrapper>
  );
}
