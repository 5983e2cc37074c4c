import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const featuresDir = join(import.meta.dirname, '../../features');

function apiModules(): string[] {
  return readdirSync(featuresDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((feature) => {
      const apiDir = join(featuresDir, feature.name, 'api');
      try {
        return readdirSync(apiDir)
          .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
          .map((file) => join(apiDir, file));
      } catch {
        return [];
      }
    });
}

describe('the web app’s API modules', () => {
  it('parse responses with the contracts’ schemas and declare none of their own', () => {
    const modules = apiModules();
    expect(modules.length).toBeGreaterThan(50);

    const declaringSchemas = modules.filter((file) => /from 'zod'/.test(readFileSync(file, 'utf8')));

    expect(declaringSchemas).toEqual([]);
  });
});
