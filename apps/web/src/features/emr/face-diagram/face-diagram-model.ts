import type { InjectablePoint } from '@glowdesk/contracts';

/**
 * The face diagram's geometry, in the drawing's own units (a front view 300 wide and 400
 * tall). Points are stored normalised: x and y from 0 to 1 from the diagram's left and top
 * edges, so the stored point does not depend on the size the diagram is drawn at.
 *
 * Sides are the patient's: in a front view the patient's right is on the viewer's left.
 */
export const DIAGRAM_WIDTH = 300;
export const DIAGRAM_HEIGHT = 400;

export interface FaceZone {
  id: string;
  /** The treatment area's name, as charted. */
  label: string;
  /** An ellipse in drawing units. */
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

function pair(id: string, label: string, cx: number, cy: number, rx: number, ry: number): FaceZone[] {
  return [
    { id: `${id}-right`, label: `${label} (right)`, cx, cy, rx, ry },
    { id: `${id}-left`, label: `${label} (left)`, cx: DIAGRAM_WIDTH - cx, cy, rx, ry },
  ];
}

/** The named zones, top to bottom; pairs list the patient's right first. */
export const faceZones: readonly FaceZone[] = [
  { id: 'forehead', label: 'Forehead', cx: 150, cy: 88, rx: 72, ry: 28 },
  { id: 'glabella', label: 'Glabella', cx: 150, cy: 132, rx: 15, ry: 13 },
  ...pair('crows-feet', 'Crow’s feet', 60, 152, 13, 20),
  ...pair('under-eye', 'Under-eye', 108, 172, 24, 8),
  { id: 'nose', label: 'Nose', cx: 150, cy: 180, rx: 11, ry: 24 },
  ...pair('cheek', 'Cheek', 88, 207, 25, 22),
  ...pair('nasolabial-fold', 'Nasolabial fold', 119, 228, 9, 20),
  { id: 'lips', label: 'Lips', cx: 150, cy: 248, rx: 27, ry: 11 },
  ...pair('marionette-line', 'Marionette line', 120, 272, 9, 14),
  ...pair('jawline', 'Jawline', 76, 262, 12, 28),
  { id: 'chin', label: 'Chin', cx: 150, cy: 293, rx: 24, ry: 13 },
  { id: 'neck', label: 'Neck', cx: 150, cy: 360, rx: 40, ry: 26 },
];

/** The head's outline and the neck, in drawing units (what counts as "on the face" for a free point). */
export const headOutline = { cx: 150, cy: 176, rx: 108, ry: 142 };
export const neckBounds = { left: 106, right: 194, top: 290, bottom: 400 };

function withinEllipse(x: number, y: number, ellipse: { cx: number; cy: number; rx: number; ry: number }): number {
  return ((x - ellipse.cx) / ellipse.rx) ** 2 + ((y - ellipse.cy) / ellipse.ry) ** 2;
}

export function toDrawing(point: InjectablePoint): { x: number; y: number } {
  return { x: point.x * DIAGRAM_WIDTH, y: point.y * DIAGRAM_HEIGHT };
}

/** A normalised point rounded to 4 decimals (a tenth of a drawing unit), kept within the diagram. */
export function normalisePoint(x: number, y: number): InjectablePoint {
  const clamp = (value: number) => Math.min(1, Math.max(0, Math.round(value * 10_000) / 10_000));
  return { x: clamp(x), y: clamp(y) };
}

/** Where a click at (clientX, clientY) falls on a diagram drawn in `box` (its on-screen rectangle). */
export function pointFromClick(
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
): InjectablePoint {
  if (box.width <= 0 || box.height <= 0) return { x: 0, y: 0 };
  return normalisePoint((clientX - box.left) / box.width, (clientY - box.top) / box.height);
}

/** The zone under a point; where zones overlap, the one whose centre is closest (relative to its size). */
export function zoneAt(point: InjectablePoint): FaceZone | undefined {
  const { x, y } = toDrawing(point);
  let best: { zone: FaceZone; distance: number } | undefined;
  for (const zone of faceZones) {
    const distance = withinEllipse(x, y, zone);
    if (distance <= 1 && (!best || distance < best.distance)) best = { zone, distance };
  }
  return best?.zone;
}

/** Whether a point is on the head or the neck (a free point may be placed there). */
export function isOnFace(point: InjectablePoint): boolean {
  const { x, y } = toDrawing(point);
  if (withinEllipse(x, y, headOutline) <= 1) return true;
  return x >= neckBounds.left && x <= neckBounds.right && y >= neckBounds.top && y <= neckBounds.bottom;
}

/** The zone whose edge is nearest the point, roughly (a free point is named after it). */
export function nearestZone(point: InjectablePoint): FaceZone {
  const { x, y } = toDrawing(point);
  let best = faceZones[0] as FaceZone;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const zone of faceZones) {
    const distance = (Math.sqrt(withinEllipse(x, y, zone)) - 1) * Math.min(zone.rx, zone.ry);
    if (distance < bestDistance) {
      best = zone;
      bestDistance = distance;
    }
  }
  return best;
}

export function zoneCentre(zone: FaceZone): InjectablePoint {
  return normalisePoint(zone.cx / DIAGRAM_WIDTH, zone.cy / DIAGRAM_HEIGHT);
}

export function findZone(id: string): FaceZone | undefined {
  return faceZones.find((zone) => zone.id === id);
}

/** What a click on the diagram adds: an entry for the zone clicked, a free point elsewhere on the face, nothing off it. */
export type DiagramPick = { kind: 'zone'; area: string; point: InjectablePoint } | { kind: 'point'; area: string; point: InjectablePoint };

export function pickAt(point: InjectablePoint): DiagramPick | undefined {
  const zone = zoneAt(point);
  if (zone) return { kind: 'zone', area: zone.label, point };
  if (!isOnFace(point)) return undefined;
  return { kind: 'point', area: `Point near ${nearestZone(point).label.replace(/^./, (first) => first.toLowerCase())}`, point };
}
