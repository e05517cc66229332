/**
 * Whether a parsed JSON value nests objects/arrays deeper than `maxDepth`. Iterative, so a
 * hostile 100,000-level body cannot overflow the stack here (it would later, in JSON.stringify
 * or in a user's transformation, so we refuse it at the door).
 */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxDepth) return true;
    if (Array.isArray(node)) {
      for (const child of node) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    } else {
      for (const key in node as Record<string, unknown>) {
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}
