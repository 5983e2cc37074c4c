import { Table } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import classes from './stacked-table.module.css';

/** The class that stacks a table's rows on a phone; give each cell a `data-label` naming its column. */
export const stackedTableClass = classes.table;

/**
 * A table's frame: from a small tablet up it scrolls sideways inside its card when narrower
 * than `minWidth`; on a phone the table (with `stackedTableClass`) stacks and needs no scroll.
 */
export function StackedTableContainer({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  const phone = useMediaQuery('(max-width: 36em)');
  return <Table.ScrollContainer minWidth={phone ? 0 : minWidth}>{children}</Table.ScrollContainer>;
}
