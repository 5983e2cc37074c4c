import { describe, expect, it } from 'vitest';
import { faceZones, findZone, isOnFace, nearestZone, pickAt, pointFromClick, zoneAt, zoneCentre } from './face-diagram-model.ts';

describe('face diagram zones', () => {
  it('name each zone once, and every zone’s centre picks that zone', () => {
    expect(new Set(faceZones.map((zone) => zone.label)).size).toBe(faceZones.length);
    for (const zone of faceZones) expect(zoneAt(zoneCentre(zone))?.id).toBe(zone.id);
  });

  it('include the areas injectors chart, with the patient’s right drawn on the viewer’s left', () => {
    const labels = faceZones.map((zone) => zone.label);
    for (const area of ['Forehead', 'Glabella', 'Crow’s feet (right)', 'Crow’s feet (left)', 'Lips', 'Chin', 'Neck', 'Jawline (left)']) {
      expect(labels).toContain(area);
    }
    const right = findZone('cheek-right');
    const left = findZone('cheek-left');
    expect(right && left && right.cx < left.cx).toBe(true);
  });

  it('lie on the face', () => {
    for (const zone of faceZones) expect(isOnFace(zoneCentre(zone))).toBe(true);
  });
});

describe('a click on the diagram', () => {
  it('is normalised to the diagram’s size and clamped to its edges', () => {
    const box = { left: 100, top: 50, width: 300, height: 400 };
    expect(pointFromClick(250, 250, box)).toEqual({ x: 0.5, y: 0.5 });
    expect(pointFromClick(400, 450, box)).toEqual({ x: 1, y: 1 });
    expect(pointFromClick(0, 0, box)).toEqual({ x: 0, y: 0 });
    expect(pointFromClick(133.33333, 50, box)).toEqual({ x: 0.1111, y: 0 });
    expect(pointFromClick(10, 10, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('on a zone adds that zone’s area at the spot clicked', () => {
    const glabella = zoneCentre(findZone('glabella') ?? faceZones[0]!);
    expect(pickAt(glabella)).toEqual({ kind: 'zone', area: 'Glabella', point: glabella });
  });

  it('elsewhere on the face adds a free point named after the nearest zone', () => {
    // Between the forehead and the right crow's feet, on the temple.
    const temple = { x: 0.24, y: 0.3 };
    expect(zoneAt(temple)).toBeUndefined();
    const pick = pickAt(temple);
    expect(pick?.kind).toBe('point');
    expect(pick?.point).toEqual(temple);
    expect(pick?.area).toMatch(/^Point near /);
    expect(pick?.area).toBe(`Point near ${nearestZone(temple).label.toLowerCase()}`);
  });

  it('off the face adds nothing', () => {
    expect(pickAt({ x: 0.02, y: 0.02 })).toBeUndefined();
    expect(pickAt({ x: 0.05, y: 0.95 })).toBeUndefined();
  });
});
