// Areas and agencies form trees (any depth) whose nodes may already be in the database: a
// pack can add wards under a city imported before. Parents are resolved over the union of
// both, the pack winning, since the pack's rows replace the database's on import.

export interface TreeNode {
  code: string;
  parent: string | null;
  /** How problems name this node, e.g. "agencies.json: agency 4 (code doc)". */
  where: string;
}

/**
 * Depth (root 0) of every node whose chain reaches a root; reports unknown parents and each
 * cycle once. Nodes under an unknown parent or in a cycle get no depth.
 */
export function resolveTree(
  nodes: readonly TreeNode[],
  existingParents: ReadonlyMap<string, string | null>,
  noun: string,
  problems: string[],
): Map<string, number> {
  const parents = new Map(existingParents);
  for (const node of nodes) parents.set(node.code, node.parent);
  const order = new Map(nodes.map((node, index) => [node.code, index]));

  for (const node of nodes) {
    if (node.parent !== null && !parents.has(node.parent)) {
      problems.push(`${node.where}: parent "${node.parent}" is not ${noun} of the pack or of the database`);
    }
  }

  const depths = new Map<string, number>();
  const broken = new Set<string>();
  for (const node of nodes) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | null = node.code;
    while (current !== null && !depths.has(current) && !broken.has(current)) {
      if (onPath.has(current)) {
        reportCycle(path.slice(path.indexOf(current)), nodes, order, problems);
        break;
      }
      path.push(current);
      onPath.add(current);
      if (!parents.has(current)) {
        broken.add(current); // an unknown parent, reported above
        break;
      }
      current = parents.get(current) ?? null;
    }
    const base = current === null ? -1 : depths.get(current);
    if (base === undefined) {
      for (const code of path) broken.add(code);
      continue;
    }
    path.reverse().forEach((code, index) => {
      depths.set(code, base + 1 + index);
    });
  }
  return depths;
}

function reportCycle(
  cycle: string[],
  nodes: readonly TreeNode[],
  order: ReadonlyMap<string, number>,
  problems: string[],
): void {
  // Name the cycle from its first member in the file, so the message is the same every run.
  const first = cycle.reduce((best, code) =>
    (order.get(code) ?? Infinity) < (order.get(best) ?? Infinity) ? code : best,
  );
  const start = cycle.indexOf(first);
  const rotated = [...cycle.slice(start), ...cycle.slice(0, start), first];
  const node = nodes[order.get(first) ?? -1];
  const where = node?.where ?? `"${first}"`;
  problems.push(`${where}: parent chain ${rotated.join(' -> ')} is a cycle`);
}
