// axe-core in the page itself, against WCAG 2.1 A and AA (label-in-name, 2.5.3, included).
// The script is injected by hand: @axe-core/playwright needs a newer Node than the one we
// support.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * One line per element that fails a rule on what the page shows now, each starting with
 * `screen`; `within` limits the check to the elements a selector matches (a dialog over a
 * busy page). Opening transitions are let finish first: a half-faded dialog or drawer has
 * colours it never keeps.
 */
export async function axeViolations(page: Page, screen: string, within?: string): Promise<string[]> {
  await page.waitForTimeout(350);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(
    async ({ tags, selector }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: object) => Promise<{ violations: unknown[] }> } }).axe;
      const results = await axe.run(selector ? { include: [selector] } : document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations;
    },
    { tags: WCAG_21_AA, selector: within },
  );
  return (violations as AxeViolation[]).flatMap((violation) =>
    violation.nodes.map((node) => {
      const reason = (node.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
      return `${screen}: ${violation.id} (${violation.impact ?? 'unknown'}) ${violation.help} — ${JSON.stringify(node.target)}${reason ? ` — ${reason}` : ''}`;
    }),
  );
}
