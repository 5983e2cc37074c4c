import type { FitzpatrickSkinType, LaserCooling } from '@glowdesk/contracts';
import { boolean, date, doublePrecision, numeric, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';

/** Mirrors migration 0044_laser_settings_and_products_used.sql (with 0050's exact quantity of a product used). */
export const procedureLaserSettings = pgTable(
  'procedure_laser_settings',
  {
    practiceId: uuid('practice_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    deviceResourceId: uuid('device_resource_id'),
    skinType: text('skin_type').$type<FitzpatrickSkinType>(),
    testSpotDone: boolean('test_spot_done').notNull().default(false),
    testSpotSite: text('test_spot_site'),
    testSpotReaction: text('test_spot_reaction'),
    testSpotOn: date('test_spot_on', { mode: 'string' }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.procedureId] })],
);

export const procedureLaserSettingRows = pgTable(
  'procedure_laser_setting_rows',
  {
    practiceId: uuid('practice_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    position: smallint('position').notNull(),
    area: text('area').notNull(),
    fluenceJoulesPerCm2: doublePrecision('fluence_j_per_cm2').notNull(),
    spotSizeMm: doublePrecision('spot_size_mm').notNull(),
    pulseWidthMs: doublePrecision('pulse_width_ms').notNull(),
    passes: smallint('passes').notNull(),
    cooling: text('cooling').$type<LaserCooling>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.procedureId, table.position] })],
);

export const procedureProductsUsed = pgTable(
  'procedure_products_used',
  {
    practiceId: uuid('practice_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    position: smallint('position').notNull(),
    productName: text('product_name').notNull(),
    // numeric(10, 2) since 0050: exact; read as numbers of at most 2 decimals.
    quantity: numeric('quantity', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    unit: text('unit').notNull(),
    lotId: uuid('lot_id'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.procedureId, table.position] })],
);
