/** The charts chosen in MD Review, kept to those still in the queue (a refetch drops co-signed ones). */
export function keepQueued(selected: ReadonlySet<string>, queuedIds: readonly string[]): Set<string> {
  const queued = new Set(queuedIds);
  return new Set([...selected].filter((id) => queued.has(id)));
}

/** The select-all box's state: checked when every chart is chosen, indeterminate when some are. */
export function selectAllState(selectedCount: number, total: number): { checked: boolean; indeterminate: boolean } {
  return { checked: total > 0 && selectedCount === total, indeterminate: selectedCount > 0 && selectedCount < total };
}

/** Toggles one chart in the selection. */
export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function chartsLabel(count: number): string {
  return count === 1 ? '1 chart' : `${count} charts`;
}
