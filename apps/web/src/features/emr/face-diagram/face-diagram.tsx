import type { InjectablePoint } from '@glowdesk/contracts';
import { Text } from '@mantine/core';
import { useState, type MouseEvent } from 'react';
import classes from './face-diagram.module.css';
import {
  DIAGRAM_HEIGHT,
  DIAGRAM_WIDTH,
  faceZones,
  headOutline,
  pickAt,
  pointFromClick,
  toDrawing,
  zoneAt,
  type DiagramPick,
} from './face-diagram-model.ts';

export interface DiagramMarker {
  key: number | string;
  /** The number shown on the marker and beside its entry in the list. */
  number: number;
  point: InjectablePoint;
  area: string;
  /** The entry's amount with its unit (“20 units”, “0.55 mL”), shown when the pointer rests on the marker. */
  amount?: string | undefined;
}

interface FaceDiagramProps {
  markers: readonly DiagramMarker[];
  /** Called with the zone or free point clicked; without it the diagram is read-only. */
  onPick?: ((pick: DiagramPick) => void) | undefined;
  /** The accessible name, e.g. "Face diagram with 3 injection points". */
  label: string;
}

/**
 * A front view of the face with named treatment zones and numbered injection markers.
 * Clicking a zone or elsewhere on the face picks it; the list beside the diagram is the way to
 * add and edit entries without a pointer, so the drawing itself is one image to assistive
 * technology.
 */
export function FaceDiagram({ markers, onPick, label }: FaceDiagramProps) {
  const [hovered, setHovered] = useState<string | null>(null);
  const usedAreas = new Set(markers.map((marker) => marker.area));

  function pickFrom(event: MouseEvent<SVGSVGElement>): DiagramPick | undefined {
    const box = event.currentTarget.getBoundingClientRect();
    return pickAt(pointFromClick(event.clientX, event.clientY, box));
  }

  return (
    <div>
      <svg
        viewBox={`0 0 ${DIAGRAM_WIDTH} ${DIAGRAM_HEIGHT}`}
        className={onPick ? `${classes.diagram} ${classes.interactive}` : classes.diagram}
        role="img"
        aria-label={label}
        data-testid="face-diagram"
        onClick={(event) => {
          if (!onPick) return;
          const pick = pickFrom(event);
          if (pick) onPick(pick);
        }}
        onMouseMove={(event) => {
          if (!onPick) return;
          const box = event.currentTarget.getBoundingClientRect();
          const point = pointFromClick(event.clientX, event.clientY, box);
          setHovered(zoneAt(point)?.label ?? null);
        }}
        onMouseLeave={() => setHovered(null)}
      >
        <path className={classes.outline} d="M106 300 L102 400 M194 300 L198 400" />
        <ellipse className={classes.outline} cx={headOutline.cx - headOutline.rx + 2} cy={172} rx={9} ry={22} />
        <ellipse className={classes.outline} cx={headOutline.cx + headOutline.rx - 2} cy={172} rx={9} ry={22} />
        <path
          className={classes.outline}
          d="M150 34 C212 34 258 78 258 160 C258 232 226 296 176 314 C160 320 140 320 124 314 C74 296 42 232 42 160 C42 78 88 34 150 34 Z"
        />
        <g aria-hidden>
          <path className={classes.feature} d="M92 140 Q110 130 130 138 M170 138 Q190 130 208 140" />
          <path className={classes.feature} d="M96 158 Q110 150 126 158 Q110 164 96 158 Z M174 158 Q190 150 204 158 Q190 164 174 158 Z" />
          <path className={classes.feature} d="M146 150 L140 196 Q150 203 160 196 L154 150" />
          <path className={classes.feature} d="M128 248 Q150 240 172 248 Q150 258 128 248 Z" />
        </g>
        {faceZones.map((zone) => (
          <ellipse
            key={zone.id}
            className={usedAreas.has(zone.label) ? `${classes.zone} ${classes.zoneUsed}` : classes.zone}
            cx={zone.cx}
            cy={zone.cy}
            rx={zone.rx}
            ry={zone.ry}
            data-zone={zone.id}
          >
            <title>{zone.label}</title>
          </ellipse>
        ))}
        <text className={classes.sideLabel} x={14} y={176}>
          R
        </text>
        <text className={classes.sideLabel} x={DIAGRAM_WIDTH - 14} y={176} textAnchor="end">
          L
        </text>
        {markers.map((marker) => {
          const { x, y } = toDrawing(marker.point);
          return (
            <g key={marker.key} data-marker={marker.number}>
              <title>{`${marker.number}. ${marker.area}${marker.amount ? `: ${marker.amount}` : ''}`}</title>
              <circle className={classes.marker} cx={x} cy={y} r={10} />
              <text className={classes.markerText} x={x} y={y} textAnchor="middle" dominantBaseline="central">
                {marker.number}
              </text>
            </g>
          );
        })}
      </svg>
      <Text size="xs" c="dimmed" ta="center" mt={4} aria-hidden>
        {onPick ? (hovered ?? 'Front view · R and L are the patient’s sides') : 'Front view · R and L are the patient’s sides'}
      </Text>
    </div>
  );
}
