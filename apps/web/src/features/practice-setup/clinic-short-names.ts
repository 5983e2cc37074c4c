/**
 * Clinic names without the part every clinic shares, for tight spaces: "Lumière Aesthetics — SoHo"
 * and "Lumière Aesthetics — Santa Monica" become "SoHo" and "Santa Monica". Names stay whole
 * when there is one clinic or the shared part does not end at a separator.
 */
export function shortClinicNames(clinics: readonly { id: string; name: string }[]): Map<string, string> {
  let shared = clinics.length > 1 ? (clinics[0]?.name ?? '') : '';
  for (const { name } of clinics) {
    while (!name.startsWith(shared)) shared = shared.slice(0, -1);
  }
  // Cut only after a separator such as "— " or ", ", never inside a word.
  let prefixLength = 0;
  for (const match of shared.matchAll(/[—–\-,:|·]\s+/g)) prefixLength = match.index + match[0].length;
  return new Map(clinics.map((clinic) => [clinic.id, clinic.name.slice(prefixLength).trim() || clinic.name]));
}
