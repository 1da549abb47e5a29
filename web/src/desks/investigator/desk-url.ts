import { useEffect } from 'react';
import { EDGE_KINDS, type EdgeKind, type GraphParams, type Picked } from './types.ts';

// The desk's state lives in its address (/app/graph?node=person:P1&asOf=2026-06-30&depth=2), so a view can be
// bookmarked or linked from elsewhere (a flag's evidence) and survives a reload.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NODE = /^(person|staff|org|action):.{1,190}$/;

export const DEFAULT_PARAMS: GraphParams = { asOf: '', depth: 2, limit: 500, kinds: [] };

export function readDeskUrl(search: string): { center: Picked | null; params: GraphParams } {
  const q = new URLSearchParams(search);
  const node = q.get('node');
  const asOf = q.get('asOf') ?? '';
  const depth = Number(q.get('depth'));
  const limit = Number(q.get('limit'));
  const kinds = (q.get('kinds') ?? '')
    .split(',')
    .filter((k): k is EdgeKind => (EDGE_KINDS as readonly string[]).includes(k));
  return {
    // The label is the key until the server's answer names the node.
    center: node && NODE.test(node) ? { key: node, label: node } : null,
    params: {
      asOf: DAY.test(asOf) ? asOf : DEFAULT_PARAMS.asOf,
      depth: [1, 2, 3].includes(depth) ? depth : DEFAULT_PARAMS.depth,
      limit: limit >= 1 && limit <= 5000 ? limit : DEFAULT_PARAMS.limit,
      kinds: kinds.length < EDGE_KINDS.length ? kinds : [],
    },
  };
}

/** Keeps the address in step with what is drawn (replacing the entry: each change is not a page). */
export function useDeskUrl(center: Picked | null, params: GraphParams) {
  const search = new URLSearchParams();
  if (center) search.set('node', center.key);
  if (params.asOf) search.set('asOf', params.asOf);
  if (params.depth !== DEFAULT_PARAMS.depth) search.set('depth', String(params.depth));
  if (params.limit !== DEFAULT_PARAMS.limit) search.set('limit', String(params.limit));
  if (params.kinds.length) search.set('kinds', params.kinds.join(','));
  const qs = search.toString();
  useEffect(() => {
    const url = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
    if (url !== `${window.location.pathname}${window.location.search}`)
      window.history.replaceState(null, '', url);
  }, [qs]);
}
