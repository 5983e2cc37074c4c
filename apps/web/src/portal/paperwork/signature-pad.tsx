import { Box, Button, Group, Input, Text } from '@mantine/core';
import { useEffect, useRef, type PointerEvent } from 'react';

interface SignaturePadProps {
  label: string;
  error: string | undefined;
  /** Called with a PNG data URL after each stroke, or null once cleared. */
  onChange: (signature: string | null) => void;
}

const HEIGHT_PX = 160;

/**
 * A box to sign in with a finger, pen or mouse; what is drawn becomes a PNG (the API's
 * `data:image/png;base64,…`). The canvas is drawn at the screen's pixel density so the
 * signature stays sharp in the signed PDF.
 */
export function SignaturePad({ label, error, onChange }: SignaturePadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drawn = useRef(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const scale = window.devicePixelRatio || 1;
    canvas.width = canvas.offsetWidth * scale;
    canvas.height = HEIGHT_PX * scale;
    const context = canvas.getContext('2d');
    if (!context) return;
    context.scale(scale, scale);
    context.lineWidth = 2.2;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#1f2d2b';
  }, []);

  function pointAt(event: PointerEvent<HTMLCanvasElement>): { x: number; y: number } {
    const bounds = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
  }

  function start(event: PointerEvent<HTMLCanvasElement>) {
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const { x, y } = pointAt(event);
    context.beginPath();
    context.moveTo(x, y);
    context.lineTo(x + 0.1, y + 0.1);
    context.stroke();
  }

  function move(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    const { x, y } = pointAt(event);
    context.lineTo(x, y);
    context.stroke();
  }

  function end(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    drawing.current = false;
    drawn.current = true;
    onChange(event.currentTarget.toDataURL('image/png'));
  }

  function clear() {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.restore();
    drawn.current = false;
    onChange(null);
  }

  return (
    <Input.Wrapper label={label} required error={error} description="Sign with your finger, a pen or the mouse.">
      <Box
        mt={6}
        style={{
          border: `1px solid ${error ? 'var(--mantine-color-error)' : '#b9c2c0'}`,
          borderRadius: 'var(--mantine-radius-md)',
          background: '#ffffff',
          touchAction: 'none',
        }}
      >
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={`${label}: drawing area`}
          style={{ display: 'block', width: '100%', height: HEIGHT_PX, cursor: 'crosshair' }}
          onPointerDown={start}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={end}
        />
      </Box>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          Sign inside the box.
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={clear}>
          Clear signature
        </Button>
      </Group>
    </Input.Wrapper>
  );
}
