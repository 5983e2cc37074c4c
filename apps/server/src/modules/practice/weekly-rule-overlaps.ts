import type { FieldProblem } from '../../platform/errors.ts';
import type { NewScheduleRule } from './schedule-repository.ts';

const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function effectiveRangesOverlap(left: NewScheduleRule, right: NewScheduleRule): boolean {
  const leftEndsBeforeRight = left.effectiveTo !== null && left.effectiveTo < right.effectiveFrom;
  const rightEndsBeforeLeft = right.effectiveTo !== null && right.effectiveTo < left.effectiveFrom;
  return !leftEndsBeforeRight && !rightEndsBeforeLeft;
}

/**
 * One problem (`rules[j]`) for each rule that overlaps an earlier one on the same weekday
 * while both are in force. Times are 'HH:MM' with end after start, so they compare as text.
 */
export function findOverlappingRules(rules: readonly NewScheduleRule[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  rules.forEach((rule, index) => {
    for (let earlier = 0; earlier < index; earlier += 1) {
      const other = rules[earlier];
      if (!other || other.weekday !== rule.weekday || !effectiveRangesOverlap(rule, other)) continue;
      if (rule.start < other.end && other.start < rule.end) {
        problems.push({
          field: `rules[${index}]`,
          message: `Overlaps rules[${earlier}] (${weekdayNames[rule.weekday] ?? rule.weekday} ${other.start}–${other.end}).`,
          code: 'overlapping_rules',
        });
        return;
      }
    }
  });
  return problems;
}
