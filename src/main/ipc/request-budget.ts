/**
 * A cheap size check before the schema runs. No request of the table is deeper than a few
 * levels or larger than ten thousand ids, so anything far beyond that is refused without
 * spending main-process time (and memory for one issue per element) on validating it.
 */
export const REQUEST_BUDGET = { maxDepth: 16, maxNodes: 20_000, maxStringLength: 4_096 } as const;

export function requestBudgetProblem(value: unknown): string | undefined {
  let nodes = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    nodes += 1;
    if (nodes > REQUEST_BUDGET.maxNodes) return 'the request is too large';
    if (depth > REQUEST_BUDGET.maxDepth) return 'the request is nested too deeply';
    if (typeof current === 'string' && current.length > REQUEST_BUDGET.maxStringLength) {
      return 'a text in the request is too long';
    }
    if (typeof current !== 'object' || current === null) continue;
    const children = Array.isArray(current) ? current : Object.values(current);
    if (nodes + children.length > REQUEST_BUDGET.maxNodes) return 'the request is too large';
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}
