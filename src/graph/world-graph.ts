// The relationship graph of the world: a directed multigraph with keyed nodes and edges and attributes.
//
// It answers the part of graphology's `MultiDirectedGraph` API the world and the rules use, with the same
// results in the same order, so traversals (and the walks they put in evidence) are unchanged: a node's
// edges come by neighbour in the order each neighbour was first linked (in-edges before out-edges for
// `forEachEdge`), and between one pair of nodes the latest edge first. What it leaves out is what loading a
// large world paid for without using: events, per-call argument checks and the adjacency kept in plain
// objects, whose every new property key V8 turned into a new hidden class (about half of building the graph).

/** What an edge callback receives: key, attributes, source, target and their attributes. */
export type EdgeCallback<N, E> = (
  edge: string,
  attributes: E,
  source: string,
  target: string,
  sourceAttributes: N,
  targetAttributes: N,
) => void;

class GraphNode<N, E> {
  /** Edges by the other end: the latest edge between the pair heads a list (`next`: the one before it). */
  out: Map<string, GraphEdge<N, E>> | null = null;
  in: Map<string, GraphEdge<N, E>> | null = null;
  constructor(
    readonly key: string,
    public attributes: N,
  ) {}
}

class GraphEdge<N, E> {
  next: GraphEdge<N, E> | null = null;
  previous: GraphEdge<N, E> | null = null;
  constructor(
    readonly key: string,
    readonly attributes: E,
    readonly source: GraphNode<N, E>,
    readonly target: GraphNode<N, E>,
  ) {}
}

class NotFound extends Error {}

export class KeyedMultiGraph<N extends object, E extends object> {
  readonly #nodes = new Map<string, GraphNode<N, E>>();
  readonly #edges = new Map<string, GraphEdge<N, E>>();

  get order(): number {
    return this.#nodes.size;
  }
  get size(): number {
    return this.#edges.size;
  }

  #node(key: string, method: string): GraphNode<N, E> {
    const node = this.#nodes.get(key);
    if (node === undefined)
      throw new NotFound(`Graph.${method}: could not find the "${key}" node in the graph.`);
    return node;
  }
  #edge(key: string, method: string): GraphEdge<N, E> {
    const edge = this.#edges.get(key);
    if (edge === undefined)
      throw new NotFound(`Graph.${method}: could not find the "${key}" edge in the graph.`);
    return edge;
  }

  hasNode(key: string): boolean {
    return this.#nodes.has(key);
  }
  hasEdge(key: string): boolean {
    return this.#edges.has(key);
  }

  addNode(key: string, attributes: N): string {
    if (this.#nodes.has(key)) throw new Error(`Graph.addNode: the "${key}" node already exist in the graph.`);
    this.#nodes.set(key, new GraphNode<N, E>(key, attributes));
    return key;
  }

  /** The attributes of a node, the node added with `create()` first if missing (one lookup). */
  ensureNode(key: string, create: () => N): N {
    let node = this.#nodes.get(key);
    if (node === undefined) this.#nodes.set(key, (node = new GraphNode<N, E>(key, create())));
    return node.attributes;
  }

  getNodeAttributes(key: string): N {
    return this.#node(key, 'getNodeAttributes').attributes;
  }
  getNodeAttribute<K extends keyof N>(key: string, name: K): N[K] {
    return this.#node(key, 'getNodeAttribute').attributes[name];
  }
  mergeNodeAttributes(key: string, attributes: Partial<N>): string {
    Object.assign(this.#node(key, 'mergeNodeAttributes').attributes, attributes);
    return key;
  }

  getEdgeAttributes(key: string): E {
    return this.#edge(key, 'getEdgeAttributes').attributes;
  }
  source(key: string): string {
    return this.#edge(key, 'source').source.key;
  }
  target(key: string): string {
    return this.#edge(key, 'target').target.key;
  }

  addDirectedEdgeWithKey(key: string, source: string, target: string, attributes: E): string {
    if (this.#edges.has(key)) {
      throw new Error(`Graph.addDirectedEdgeWithKey: the "${key}" edge already exists in the graph.`);
    }
    const from = this.#node(source, 'addDirectedEdgeWithKey');
    const to = this.#node(target, 'addDirectedEdgeWithKey');
    const edge = new GraphEdge<N, E>(key, attributes, from, to);
    this.#edges.set(key, edge);
    const out = (from.out ??= new Map());
    const head = out.get(target);
    if (head !== undefined) {
      head.previous = edge;
      edge.next = head;
    }
    out.set(target, edge);
    (to.in ??= new Map()).set(source, edge);
    return key;
  }

  dropEdge(key: string): void {
    const edge = this.#edge(key, 'dropEdge');
    this.#edges.delete(key);
    this.#detach(edge);
  }

  /** Drops an edge if there is one by that key; returns it (one lookup). */
  dropEdgeIfAny(key: string): { source: string; target: string } | undefined {
    const edge = this.#edges.get(key);
    if (edge === undefined) return undefined;
    this.#edges.delete(key);
    this.#detach(edge);
    return { source: edge.source.key, target: edge.target.key };
  }

  #detach(edge: GraphEdge<N, E>) {
    const { source, target } = edge;
    if (edge.previous === null) {
      if (edge.next === null) {
        source.out!.delete(target.key);
        target.in!.delete(source.key);
      } else {
        edge.next.previous = null;
        source.out!.set(target.key, edge.next);
        target.in!.set(source.key, edge.next);
      }
    } else {
      edge.previous.next = edge.next;
      if (edge.next !== null) edge.next.previous = edge.previous;
    }
  }

  dropNode(key: string): void {
    const node = this.#node(key, 'dropNode');
    for (const adjacency of [node.out, node.in]) {
      if (adjacency === null) continue;
      for (const head of [...adjacency.values()]) {
        for (let edge: GraphEdge<N, E> | null = head; edge !== null; edge = edge.next) {
          if (this.#edges.get(edge.key) !== edge) continue; // a self-loop, dropped from the other side
          this.#edges.delete(edge.key);
          this.#detach(edge);
        }
      }
    }
    this.#nodes.delete(key);
  }

  forEachOutEdge(node: string, callback: EdgeCallback<N, E>): void {
    each(this.#node(node, 'forEachOutEdge').out, callback, null);
  }
  forEachInEdge(node: string, callback: EdgeCallback<N, E>): void {
    each(this.#node(node, 'forEachInEdge').in, callback, null);
  }
  /** Every edge (arity 1), or a node's in-edges then out-edges (a self-loop once). */
  forEachEdge(callback: EdgeCallback<N, E>): void;
  forEachEdge(node: string, callback: EdgeCallback<N, E>): void;
  forEachEdge(node: string | EdgeCallback<N, E>, callback?: EdgeCallback<N, E>): void {
    if (typeof node === 'function') {
      for (const e of this.#edges.values()) {
        node(e.key, e.attributes, e.source.key, e.target.key, e.source.attributes, e.target.attributes);
      }
      return;
    }
    const data = this.#node(node, 'forEachEdge');
    each(data.in, callback!, null);
    each(data.out, callback!, node);
  }

  /** Each distinct neighbour (either direction) once. */
  forEachNeighbor(node: string, callback: (neighbor: string, attributes: N) => void): void {
    const data = this.#node(node, 'forEachNeighbor');
    const seen = new Set<string>();
    for (const adjacency of [data.out, data.in]) {
      if (adjacency === null) continue;
      for (const [key, edge] of adjacency) {
        if (seen.has(key)) continue;
        seen.add(key);
        callback(key, edge.source.key === key ? edge.source.attributes : edge.target.attributes);
      }
    }
  }
}

function each<N, E>(
  adjacency: Map<string, GraphEdge<N, E>> | null,
  callback: EdgeCallback<N, E>,
  avoid: string | null,
): void {
  if (adjacency === null) return;
  for (const [key, head] of adjacency) {
    if (key === avoid) continue;
    for (let e: GraphEdge<N, E> | null = head; e !== null; e = e.next) {
      callback(e.key, e.attributes, e.source.key, e.target.key, e.source.attributes, e.target.attributes);
    }
  }
}
