/** Milliseconds since 1970-01-01T00:00:00Z. Every instant the engine takes or returns is one. */
export type EpochMilliseconds = number;

/** Half-open span of real time: `start` is included, `end` is not. */
export interface InstantInterval {
  start: EpochMilliseconds;
  end: EpochMilliseconds;
}

/** The instants a search looks within: [from, to). */
export interface InstantRange {
  from: EpochMilliseconds;
  to: EpochMilliseconds;
}

/** Clinic-local wall-clock time 'HH:MM' (24-hour). '24:00' is accepted as an interval end only. */
export type WallClockTime = string;

/** Clinic-local calendar date 'YYYY-MM-DD'. */
export type LocalDate = string;

/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Wall-clock working interval on one local date. When `end` <= `start` the interval runs past
 * midnight and ends at `end` on the next local date; `end` '24:00' means the next midnight.
 */
export interface WallClockInterval {
  start: WallClockTime;
  end: WallClockTime;
}

export interface WeeklyRule extends WallClockInterval {
  weekday: IsoWeekday;
}

/**
 * A set of weekly rules in force from `effectiveFrom` to `effectiveTo` (both inclusive, local
 * dates). A rule applies to the local date its interval starts on. Periods that overlap add up.
 */
export interface WeeklySchedule {
  effectiveFrom: LocalDate;
  effectiveTo?: LocalDate;
  rules: WeeklyRule[];
}

/**
 * Replaces every weekly rule for `localDate` (the intervals that start on that date). Empty
 * `intervals` means a day off. An interval carried over midnight from the previous date is not
 * affected: it belongs to the date it starts on. Two overrides for one date add up.
 */
export interface DateOverride {
  localDate: LocalDate;
  intervals: WallClockInterval[];
}

export interface ProviderSchedule {
  providerId: string;
  weekly: WeeklySchedule[];
  overrides: DateOverride[];
}

/** One service of the requested sequence; the patient's segments run back to back. */
export interface ServiceSegment {
  serviceId: string;
  durationMinutes: number;
  /** Provider preparation before the segment: blocks the provider, not the patient. */
  bufferBeforeMinutes: number;
  /** Provider clean-up after the segment: blocks the provider, not the patient. */
  bufferAfterMinutes: number;
  /** Each listed resource needs one unit during this segment only (list an id twice for two units). */
  resourceIds: string[];
  eligibleProviderIds: string[];
}

export interface ProviderBusyInterval extends InstantInterval {
  providerId: string;
}

/** One claimed unit of a resource. */
export interface ResourceBusyInterval extends InstantInterval {
  resourceId: string;
}

export interface Resource {
  resourceId: string;
  /** How many bookings may use the resource at once. */
  quantity: number;
}

export interface AvailabilityQuery {
  /** The clinic's IANA time zone, e.g. 'America/New_York'. */
  zone: string;
  now: EpochMilliseconds;
  /** A slot's whole visit [start, end) must lie inside the range. */
  range: InstantRange;
  /** The sequence the patient books, in order. At least one. */
  services: ServiceSegment[];
  /** Providers in the order their ids should appear in results. */
  providers: ProviderSchedule[];
  /** Existing provider bookings, buffers included. Any order. */
  providerBusy: ProviderBusyInterval[];
  resources: Resource[];
  /** Existing resource claims, one unit each. Any order. */
  resourceBusy: ResourceBusyInterval[];
  /** No slot starts before `now` + this. */
  minimumNoticeMinutes: number;
  /** No slot starts after the same wall-clock time this many local calendar days after `now`. */
  bookingHorizonDays: number;
  /** Slot starts sit at local wall-clock multiples of this from local midnight. */
  slotStepMinutes: number;
  /** Restrict results to this provider. */
  providerId?: string;
}

export interface OpenSlot {
  /** Start of the patient's visit (first segment), buffers excluded. */
  start: EpochMilliseconds;
  /** End of the patient's visit (last segment), buffers excluded. */
  end: EpochMilliseconds;
  /** Every provider who could take the whole sequence at this start, in `providers` order. */
  providerIds: string[];
  /** Resources the booking would claim, distinct, in order of first need. */
  resourceIds: string[];
}

export type WorkingIntervalSource = 'weekly' | 'override';

export interface WorkingInterval extends InstantInterval {
  /** The schedule date the interval belongs to (the local date it starts on). */
  localDate: LocalDate;
  /** Wall-clock start with its UTC offset, e.g. '2024-11-03T01:30-04:00'. */
  localStart: string;
  /** Wall-clock end with its UTC offset, e.g. '2024-11-04T02:00-05:00'. */
  localEnd: string;
  source: WorkingIntervalSource;
}
