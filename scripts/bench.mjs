// `npm run bench [name…]`: runs the benchmarks, which print their figures. They are not
// tests and never fail the build. With DATABASE_URL set, server benchmarks use PostgreSQL.
import { ensureDependencies, run } from './prepare.mjs';

const benchmarks = {
  'availability-engine': 'packages/scheduling/bench/availability-engine.bench.ts',
  'availability-http': 'apps/server/bench/availability-http.bench.ts',
  booking: 'apps/server/bench/booking.bench.ts',
  'membership-billing': 'apps/server/bench/membership-billing.bench.ts',
  'message-delivery': 'apps/server/bench/message-delivery.bench.ts',
  'web-loading': 'apps/server/bench/web-loading.bench.ts',
};

// These create a database of their own on the PostgreSQL server (DATABASE_URL's, or 127.0.0.1:5432).
const postgresOnly = new Set(['membership-billing']);

ensureDependencies();
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(benchmarks)) {
  const engine = process.env.DATABASE_URL || postgresOnly.has(name) ? 'PostgreSQL' : 'embedded PGlite';
  console.log(`\n▶ ${name} (${engine})`);
  const status = run('npx', ['tsx', benchmarks[name]]);
  if (status !== 0) console.error(`${name} exited with ${status}`);
}
