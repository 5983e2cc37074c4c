import { findOpenSlots, type AvailabilityQuery } from '../src/index.js';
import {
  buildAvailabilityBenchFixture,
  buildBenchAvailabilityQuery,
  DEFAULT_BENCH_FIXTURE_OPTIONS,
  type AvailabilityBenchFixture,
} from './fixture.js';

const ITERATIONS = 200;
const WARM_UP_ITERATIONS = 30;

interface Scenario {
  name: string;
  query: AvailabilityQuery;
}

function scenariosFor(label: string, fixture: AvailabilityBenchFixture, searchDays: number): Scenario[] {
  return [
    { name: `${label}, 1 service, any provider`, query: buildBenchAvailabilityQuery(fixture, fixture.singleService, searchDays) },
    { name: `${label}, 3-service sequence`, query: buildBenchAvailabilityQuery(fixture, fixture.threeServiceSequence, searchDays) },
  ];
}

function percentile(sortedMilliseconds: readonly number[], fraction: number): number {
  const index = Math.min(sortedMilliseconds.length - 1, Math.ceil(fraction * sortedMilliseconds.length) - 1);
  return sortedMilliseconds[index] ?? Number.NaN;
}

function measure(scenario: Scenario): void {
  let slotCount = 0;
  for (let iteration = 0; iteration < WARM_UP_ITERATIONS; iteration += 1) {
    slotCount = findOpenSlots(scenario.query).length;
  }
  const durations: number[] = [];
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    const startedAt = performance.now();
    findOpenSlots(scenario.query);
    durations.push(performance.now() - startedAt);
  }
  durations.sort((left, right) => left - right);
  console.log(
    `${scenario.name.padEnd(66)} p50 ${percentile(durations, 0.5).toFixed(2).padStart(6)} ms` +
      `   p95 ${percentile(durations, 0.95).toFixed(2).padStart(6)} ms   slots ${slotCount}`,
  );
}

const base = buildAvailabilityBenchFixture();
const doubledProviders = buildAvailabilityBenchFixture({
  providerCount: DEFAULT_BENCH_FIXTURE_OPTIONS.providerCount * 2,
  appointmentCount: DEFAULT_BENCH_FIXTURE_OPTIONS.appointmentCount * 2,
});

console.log(
  `availability engine: ${ITERATIONS} iterations per scenario after ${WARM_UP_ITERATIONS} warm-up; ` +
    `zone ${base.zone}, 15-minute step, 5 resources (two of quantity 1), schedules over ` +
    `${DEFAULT_BENCH_FIXTURE_OPTIONS.scheduleDays} days, node ${process.version}`,
);
const scenarios = [
  ...scenariosFor(`30-day search, ${base.providers.length} providers, ${base.providerBusy.length} busy`, base, 30),
  ...scenariosFor(
    `30-day search, ${doubledProviders.providers.length} providers, ${doubledProviders.providerBusy.length} busy`,
    doubledProviders,
    30,
  ),
  ...scenariosFor(`60-day search, ${base.providers.length} providers, ${base.providerBusy.length} busy`, base, 60),
];
for (const scenario of scenarios) measure(scenario);
