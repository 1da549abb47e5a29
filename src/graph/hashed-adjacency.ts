import type { AbstractGraph, Attributes } from 'graphology-types';

/** The part of graphology's internal node record this module touches (`in`/`out` of a directed node). */
interface NodeIndexes {
  in?: unknown;
  out?: unknown;
}

function isEmptyIndex(index: unknown): boolean {
  if (typeof index !== 'object' || index === null) return false;
  for (const _ in index) return false;
  return true;
}

// In V8 an object made without a prototype is a hash table ("dictionary mode") and stays one when given
// Object.prototype afterwards: an empty object like `{}`, with no hidden class.
const hashTable = (): object => Object.setPrototypeOf(Object.create(null), Object.prototype) as object;

/**
 * Adds a node whose neighbour indexes are hash tables from the start.
 *
 * graphology indexes a node's neighbours in plain objects keyed by neighbour key (graphology/graphology#188
 * discusses Maps instead). V8 lets objects share a hidden class while they gain the same property names; with
 * a million distinct neighbour keys they cannot (a hidden class keeps about 1,500 transitions), so past that
 * every neighbour recorded builds a fresh hidden class: in a national world the larger part of the graph
 * build. Swapping a new node's empty indexes for empty hash tables changes no behaviour (both are ordinary
 * empty objects), only how V8 stores them. Should graphology's internals change, the node is added as it is,
 * without the swap (tests/graph-hashed-adjacency.test.ts notices).
 */
export function addNodeWithHashedAdjacency<N extends Attributes>(
  graph: AbstractGraph<N>,
  key: string,
  attributes: N,
): void {
  graph.addNode(key, attributes);
  const record = (graph as unknown as { _nodes?: Map<string, NodeIndexes> })._nodes?.get(key);
  if (!record) return;
  if (isEmptyIndex(record.in)) record.in = hashTable();
  if (isEmptyIndex(record.out)) record.out = hashTable();
}
