import { MultiDirectedGraph } from 'graphology';
import type { Bundle } from '../bundle/schema.ts';
import { addNodeWithHashedAdjacency } from './hashed-adjacency.ts';
import {
  actionNode,
  orgNode,
  personNode,
  type ActionRecord,
  type AffiliationRecord,
  type AssignmentRecord,
  type CampaignRecord,
  type DeclarationRecord,
  type DesignationRecord,
  type EdgeAttributes,
  type EdgeRecordOf,
  type EngagementRecord,
  type KinshipRecord,
  type NodeAttributes,
  type OrgRecord,
  type OwnershipRecord,
  type PersonRecord,
  type PostRecord,
  type QualificationRecord,
  type StaffRecord,
  type SuspensionRecord,
} from './model.ts';

export type WorldGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

const UNRESERVED = /^[A-Za-z0-9\-_.!~*'()]*$/;

/** A composite natural key; each part URI-encoded so `|` never collides. */
export function naturalKey(...parts: Array<string | number | null>): string {
  let key = '';
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] === null ? '' : String(parts[i]);
    // encodeURIComponent leaves these characters as they are: skip the call (and its copy) for them.
    key += (i === 0 ? '' : '|') + (UNRESERVED.test(part) ? part : encodeURIComponent(part));
  }
  return key;
}

// The identity of each record kind (BUNDLE.md "Records without a single key are identified by").
export const keyOf = {
  kinship: (r: KinshipRecord) => naturalKey(r.person, r.relative),
  affiliation: (r: AffiliationRecord) => naturalKey(r.person, r.org, r.role, r.from),
  ownership: (r: OwnershipRecord) => naturalKey(r.owner, r.org, r.from),
  assignment: (r: AssignmentRecord) => naturalKey(r.staffNo, r.post, r.from),
  qualification: (r: QualificationRecord) => r.certNo,
  suspension: (r: SuspensionRecord) => naturalKey(r.staffNo, r.from),
  engagement: (r: EngagementRecord) => naturalKey(r.client, r.contractor, r.on),
  designation: (r: DesignationRecord) => naturalKey(r.staffNo, r.org, r.on),
  declaration: (r: { staffNo: string; year: number }) => naturalKey(r.staffNo, r.year),
};

/** Graph edge keys: the kind and the record's natural key. */
export const edgeKeyOf = {
  kinship: (r: KinshipRecord) => `kinship:${keyOf.kinship(r)}`,
  affiliation: (r: AffiliationRecord) => `affiliation:${keyOf.affiliation(r)}`,
  ownership: (r: OwnershipRecord) => `ownership:${keyOf.ownership(r)}`,
  engagement: (r: EngagementRecord) => `engagement:${keyOf.engagement(r)}`,
  designation: (r: DesignationRecord) => `designation:${keyOf.designation(r)}`,
  target: (actionRef: string) => `target:${naturalKey(actionRef)}`,
  participation: (actionRef: string, staffNo: string) => `participation:${naturalKey(actionRef, staffNo)}`,
};

export type TieKind =
  | 'kinship'
  | 'affiliation'
  | 'ownership'
  | 'assignment'
  | 'qualification'
  | 'suspension'
  | 'engagement'
  | 'designation'
  | 'declaration'
  | 'campaign';

type Indexed<T> = Map<string, Map<string, T>>;

function indexAdd<T>(index: Indexed<T>, owner: string, key: string, record: T) {
  let inner = index.get(owner);
  if (!inner) index.set(owner, (inner = new Map()));
  inner.set(key, record);
}

function indexRemove<T>(index: Indexed<T>, owner: string, key: string) {
  const inner = index.get(owner);
  if (!inner) return;
  inner.delete(key);
  if (inner.size === 0) index.delete(owner);
}

const NONE: ReadonlyMap<string, never> = new Map<string, never>();

// Most people hold no staff record: they share one empty list (staffNos is only ever replaced, never mutated).
const NO_STAFF = Object.freeze([]) as unknown as string[];

const newPerson = (ref: string, label: string): NodeAttributes => ({
  kind: 'person',
  key: ref,
  label,
  staffNos: NO_STAFF,
});

const newOrg = (code: string): NodeAttributes => ({
  kind: 'org',
  key: code,
  label: code,
  orgKind: null,
  region: null,
});

/**
 * What changed in a world since changes were last taken: graph nodes whose attributes or edges changed, staff
 * numbers whose own records changed (staff, assignments, certificates, suspensions, declarations,
 * designations), actions and posts put or removed, and whether anything every staff member depends on
 * (a campaign) changed.
 */
export interface WorldChanges {
  nodes: Set<string>;
  staffNos: Set<string>;
  actions: Set<string>;
  posts: Set<string>;
  everything: boolean;
}

/**
 * The node keys of a tie's ends, given by a caller that already holds them (the world store keeps the key
 * each person and organisation node was added with). A graph lookup by a key built afresh copies and hashes
 * it first and compares it character by character; by the graph's own string it does neither, and a
 * national load looks up millions of ends. Both must be nodes of the world.
 */
export interface TieEnds {
  source: string;
  target: string;
}

/** A tie as one of its ends sees it: the edge, its attributes, and the node at the other end. */
export interface NodeTie {
  edge: string;
  attributes: EdgeAttributes;
  neighbor: string;
  /** The edge points from this node to `neighbor`. */
  outward: boolean;
}

const NO_TIES: readonly NodeTie[] = [];

const noChanges = (): WorldChanges => ({
  nodes: new Set(),
  staffNos: new Set(),
  actions: new Set(),
  posts: new Set(),
  everything: false,
});

/**
 * Every record of the world in memory, keyed by natural keys, with the relationship graph kept in step:
 * nodes `person:<ref>`, `org:<creditCode>`, `action:<ref>`; one edge per tie or event, carrying its record.
 * A staff member is their person's node. Puts replace the record with the same key.
 */
export class World {
  readonly graph: WorldGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({
    allowSelfLoops: true, // an organisation may be recorded engaging itself
  });
  readonly staff = new Map<string, StaffRecord>();
  readonly orgs = new Map<string, OrgRecord>();
  readonly posts = new Map<string, PostRecord>();
  readonly assignments = new Map<string, AssignmentRecord>();
  readonly qualifications = new Map<string, QualificationRecord>();
  readonly suspensions = new Map<string, SuspensionRecord>();
  readonly actions = new Map<string, ActionRecord>();
  readonly designations = new Map<string, DesignationRecord>();
  readonly campaigns = new Map<number, CampaignRecord>();
  readonly declarations = new Map<string, DeclarationRecord>();

  readonly #assignmentsByStaff: Indexed<AssignmentRecord> = new Map();
  readonly #qualificationsByStaff: Indexed<QualificationRecord> = new Map();
  readonly #suspensionsByStaff: Indexed<SuspensionRecord> = new Map();
  readonly #actionsByStaff: Indexed<ActionRecord> = new Map();
  readonly #designationsByStaff: Indexed<DesignationRecord> = new Map();
  readonly #declarationsByStaff: Indexed<DeclarationRecord> = new Map();
  // Each staff member's person node, by the key it was added with when known (see TieEnds).
  readonly #staffNodes = new Map<string, string>();
  // Off until someone asks for changes (a world loaded whole needs no change log).
  #changes: WorldChanges | null = null;
  // Ties listed per node on first traversal (see tiesAt), dropped when one of the node's ties changes.
  readonly #tieLists = new Map<string, readonly NodeTie[]>();

  /**
   * The ties at `node` (an existing node), out-edges then in-edges in graphology's order: listed on the first
   * call and kept until one of them changes. graphology keeps a node's neighbours in an object per direction,
   * which here are hash tables (see hashed-adjacency.ts): iterating one costs V8 a sort of its keys, so a
   * search that comes back to the same nodes (every tracing read does, once per path length) reads a list.
   * Lists stay for the world's life: at most one entry per tie end (about 6M in a national world).
   */
  tiesAt(node: string): readonly NodeTie[] {
    let list = this.#tieLists.get(node);
    if (list === undefined) {
      const found: NodeTie[] = [];
      this.graph.forEachOutEdge(node, (edge, attributes, _source, neighbor) => {
        found.push({ edge, attributes, neighbor, outward: true });
      });
      this.graph.forEachInEdge(node, (edge, attributes, neighbor) => {
        found.push({ edge, attributes, neighbor, outward: false });
      });
      list = found.length === 0 ? NO_TIES : found;
      this.#tieLists.set(node, list);
    }
    return list;
  }

  #forgetTies(node: string) {
    if (this.#tieLists.size > 0) this.#tieLists.delete(node);
  }

  /** A person's name (their ref while only ties name them); undefined for a person no record names. */
  personName(ref: string): string | undefined {
    const node = personNode(ref);
    if (!this.graph.hasNode(node)) return undefined;
    const a = this.graph.getNodeAttributes(node);
    return a.kind === 'person' ? a.label : undefined;
  }

  /** Every person node as a record, read off the graph (a person's node carries their name: its only copy). */
  *persons(): Generator<PersonRecord> {
    for (const { attributes: a } of this.graph.nodeEntries())
      if (a.kind === 'person') yield { ref: a.key, name: a.label };
  }

  /** The records of one kind of tie, read off the graph's edges: the graph is their only copy. */
  *ties<K extends 'kinship' | 'affiliation' | 'ownership' | 'engagement'>(
    kind: K,
  ): Generator<EdgeRecordOf[K]> {
    for (const { attributes } of this.graph.edgeEntries())
      if (attributes.kind === kind) yield attributes.record as EdgeRecordOf[K];
  }

  /** Starts (or restarts) recording changes and returns what changed since the last call (null: not known). */
  takeChanges(): WorldChanges | null {
    const taken = this.#changes;
    this.#changes = noChanges();
    return taken;
  }

  #touchNode(node: string) {
    this.#changes?.nodes.add(node);
  }
  #touchStaff(staffNo: string) {
    this.#changes?.staffNos.add(staffNo);
  }

  assignmentsOf(staffNo: string): ReadonlyMap<string, AssignmentRecord> {
    return this.#assignmentsByStaff.get(staffNo) ?? NONE;
  }
  qualificationsOf(staffNo: string): ReadonlyMap<string, QualificationRecord> {
    return this.#qualificationsByStaff.get(staffNo) ?? NONE;
  }
  suspensionsOf(staffNo: string): ReadonlyMap<string, SuspensionRecord> {
    return this.#suspensionsByStaff.get(staffNo) ?? NONE;
  }
  designationsOf(staffNo: string): ReadonlyMap<string, DesignationRecord> {
    return this.#designationsByStaff.get(staffNo) ?? NONE;
  }
  declarationsOf(staffNo: string): ReadonlyMap<string, DeclarationRecord> {
    return this.#declarationsByStaff.get(staffNo) ?? NONE;
  }
  /** The actions naming a staff number among their officers (linked to a staff record or not). */
  actionsOf(staffNo: string): ReadonlyMap<string, ActionRecord> {
    return this.#actionsByStaff.get(staffNo) ?? NONE;
  }
  declarationOf(staffNo: string, year: number): DeclarationRecord | undefined {
    return this.declarations.get(keyOf.declaration({ staffNo, year }));
  }
  /** The person node of one of this world's staff records (by the key it was added with: see TieEnds). */
  personNodeOf(staff: StaffRecord): string {
    return this.#staffNodes.get(staff.staffNo) ?? personNode(staff.person);
  }
  /** The person node of a staff number, or undefined for an unknown staff number. */
  staffNode(staffNo: string): string | undefined {
    return this.#staffNodes.get(staffNo);
  }

  // --- nodes -------------------------------------------------------------------------------------------

  #addNode(key: string, attributes: NodeAttributes) {
    addNodeWithHashedAdjacency(this.graph, key, attributes);
  }

  // A tie only needs its ends to exist: one lookup per end (a world of millions of ties pays for each).
  #personNode(ref: string): string {
    const key = personNode(ref);
    if (!this.graph.hasNode(key)) this.#addNode(key, newPerson(ref, ref));
    return key;
  }

  /** A node's attributes (the graph's own object, changed in place), adding the node first if missing. */
  #ensureNode(key: string, make: () => NodeAttributes): NodeAttributes {
    if (!this.graph.hasNode(key)) this.#addNode(key, make());
    return this.graph.getNodeAttributes(key);
  }

  #personAttributes(key: string, ref: string): NodeAttributes {
    return this.#ensureNode(key, () => newPerson(ref, ref));
  }

  #orgNode(code: string): string {
    const key = orgNode(code);
    if (!this.graph.hasNode(key)) this.#addNode(key, newOrg(code));
    return key;
  }

  #orgAttributes(key: string, code: string): NodeAttributes {
    return this.#ensureNode(key, () => newOrg(code));
  }

  /** Returns the person's node key. */
  putPerson(r: PersonRecord): string {
    const node = personNode(r.ref);
    this.#touchNode(node);
    if (this.graph.hasNode(node)) this.graph.getNodeAttributes(node).label = r.name;
    else this.#addNode(node, newPerson(r.ref, r.name));
    return node;
  }

  /** Returns the organisation's node key. */
  putOrg(r: OrgRecord): string {
    this.orgs.set(r.creditCode, r);
    const node = orgNode(r.creditCode);
    this.#touchNode(node);
    Object.assign(this.#orgAttributes(node, r.creditCode), {
      label: r.name,
      orgKind: r.kind,
      region: r.region,
    });
    return node;
  }

  /** `node`: the person's node key, when the caller holds it (see TieEnds). */
  putStaff(r: StaffRecord, node?: string): void {
    const previous = this.staff.get(r.staffNo);
    this.staff.set(r.staffNo, r);
    this.#touchStaff(r.staffNo);
    if (previous) this.#touchNode(personNode(previous.person));
    const person = node ?? this.#personNode(r.person);
    this.#staffNodes.set(r.staffNo, person);
    this.#touchNode(person);
    if (previous?.person !== r.person) {
      if (previous) this.#setStaffNos(previous.person, (list) => list.filter((s) => s !== r.staffNo));
      // Actions and designations hang off the person's node: (re)link them with the staff record.
      for (const action of [...(this.#actionsByStaff.get(r.staffNo)?.values() ?? [])]) this.putAction(action);
      for (const d of [...(this.#designationsByStaff.get(r.staffNo)?.values() ?? [])]) this.putDesignation(d);
    }
    this.#setStaffNos(r.person, (list) => (list.includes(r.staffNo) ? list : [...list, r.staffNo].sort()));
  }

  #setStaffNos(ref: string, change: (list: string[]) => string[]) {
    const attrs = this.#personAttributes(personNode(ref), ref);
    if (attrs.kind === 'person') attrs.staffNos = change(attrs.staffNos);
  }

  putPost(r: PostRecord): void {
    this.posts.set(r.code, r);
    this.#changes?.posts.add(r.code);
  }

  // --- ties (graph edges) ------------------------------------------------------------------------------

  #putEdge(key: string, source: string, target: string, attributes: EdgeAttributes) {
    this.#dropEdge(key);
    this.graph.addDirectedEdgeWithKey(key, source, target, attributes);
    this.#forgetTies(source);
    this.#forgetTies(target);
    this.#touchNode(source);
    this.#touchNode(target);
  }

  #dropEdge(key: string) {
    if (!this.graph.hasEdge(key)) return;
    if (this.#changes || this.#tieLists.size > 0) {
      const [source, target] = this.graph.extremities(key);
      this.#forgetTies(source);
      this.#forgetTies(target);
      this.#touchNode(source);
      this.#touchNode(target);
    }
    this.graph.dropEdge(key);
  }

  putKinship(r: KinshipRecord, key = keyOf.kinship(r), ends?: TieEnds): void {
    const source = ends?.source ?? this.#personNode(r.person);
    this.#putEdge(`kinship:${key}`, source, ends?.target ?? this.#personNode(r.relative), {
      kind: 'kinship',
      from: null,
      to: null,
      record: r,
    });
  }

  putAffiliation(r: AffiliationRecord, key = keyOf.affiliation(r), ends?: TieEnds): void {
    const source = ends?.source ?? this.#personNode(r.person);
    this.#putEdge(`affiliation:${key}`, source, ends?.target ?? this.#orgNode(r.org), {
      kind: 'affiliation',
      from: r.from,
      to: r.to,
      record: r,
    });
  }

  putOwnership(r: OwnershipRecord, key = keyOf.ownership(r), ends?: TieEnds): void {
    const source = ends?.source ?? this.#orgNode(r.owner);
    this.#putEdge(`ownership:${key}`, source, ends?.target ?? this.#orgNode(r.org), {
      kind: 'ownership',
      from: r.from,
      to: r.to,
      record: r,
    });
  }

  putEngagement(r: EngagementRecord, key = keyOf.engagement(r), ends?: TieEnds): void {
    const source = ends?.source ?? this.#orgNode(r.client);
    this.#putEdge(`engagement:${key}`, source, ends?.target ?? this.#orgNode(r.contractor), {
      kind: 'engagement',
      from: r.on,
      to: null,
      record: r,
    });
  }

  putDesignation(r: DesignationRecord, key = keyOf.designation(r)): void {
    this.designations.set(key, r);
    indexAdd(this.#designationsByStaff, r.staffNo, key, r);
    this.#touchStaff(r.staffNo);
    const person = this.#staffNodes.get(r.staffNo);
    if (!person) return; // linked once the staff record arrives
    this.#putEdge(`designation:${key}`, person, this.#orgNode(r.org), {
      kind: 'designation',
      from: r.on,
      to: null,
      record: r,
    });
  }

  /** `org`: the target organisation's node key, when the caller holds it (see TieEnds). */
  putAction(r: ActionRecord, org?: string): void {
    const previous = this.actions.get(r.ref);
    if (previous) this.#unlinkAction(previous);
    this.actions.set(r.ref, r);
    this.#changes?.actions.add(r.ref);
    const node = actionNode(r.ref);
    this.#touchNode(node);
    const label = `${r.ref} ${r.on}`;
    Object.assign(
      this.#ensureNode(node, () => ({
        kind: 'action',
        key: r.ref,
        label,
        actionKind: r.kind,
        on: r.on,
      })),
      { label, actionKind: r.kind, on: r.on },
    );
    this.#putEdge(edgeKeyOf.target(r.ref), node, org ?? this.#orgNode(r.org), {
      kind: 'target',
      from: r.on,
      to: null,
      record: { action: r.ref, org: r.org, on: r.on, kind: r.kind },
    });
    r.officers.forEach((staffNo, position) => {
      indexAdd(this.#actionsByStaff, staffNo, r.ref, r);
      const person = this.#staffNodes.get(staffNo);
      if (!person) return;
      this.#putEdge(edgeKeyOf.participation(r.ref, staffNo), person, node, {
        kind: 'participation',
        from: r.on,
        to: null,
        record: { action: r.ref, staffNo, position },
      });
    });
  }

  #unlinkAction(r: ActionRecord) {
    this.#changes?.actions.add(r.ref);
    this.#dropEdge(edgeKeyOf.target(r.ref));
    for (const staffNo of r.officers) {
      indexRemove(this.#actionsByStaff, staffNo, r.ref);
      this.#dropEdge(edgeKeyOf.participation(r.ref, staffNo));
    }
  }

  // --- records without graph edges ---------------------------------------------------------------------

  putAssignment(r: AssignmentRecord, key = keyOf.assignment(r)): void {
    this.assignments.set(key, r);
    indexAdd(this.#assignmentsByStaff, r.staffNo, key, r);
    this.#touchStaff(r.staffNo);
  }

  putQualification(r: QualificationRecord, key = keyOf.qualification(r)): void {
    const previous = this.qualifications.get(key);
    if (previous) {
      indexRemove(this.#qualificationsByStaff, previous.staffNo, key);
      this.#touchStaff(previous.staffNo);
    }
    this.qualifications.set(key, r);
    indexAdd(this.#qualificationsByStaff, r.staffNo, key, r);
    this.#touchStaff(r.staffNo);
  }

  putSuspension(r: SuspensionRecord, key = keyOf.suspension(r)): void {
    this.suspensions.set(key, r);
    indexAdd(this.#suspensionsByStaff, r.staffNo, key, r);
    this.#touchStaff(r.staffNo);
  }

  putCampaign(r: CampaignRecord): void {
    this.campaigns.set(r.year, r);
    if (this.#changes) this.#changes.everything = true;
  }

  putDeclaration(r: DeclarationRecord, key = keyOf.declaration(r)): void {
    this.declarations.set(key, r);
    indexAdd(this.#declarationsByStaff, r.staffNo, key, r);
    this.#touchStaff(r.staffNo);
  }

  /** Removes a record by its natural key (used when a stored row's natural key changed). */
  remove(kind: TieKind, key: string): void {
    switch (kind) {
      case 'kinship':
        this.#dropEdge(`kinship:${key}`);
        return;
      case 'affiliation':
        this.#dropEdge(`affiliation:${key}`);
        return;
      case 'ownership':
        this.#dropEdge(`ownership:${key}`);
        return;
      case 'engagement':
        this.#dropEdge(`engagement:${key}`);
        return;
      case 'designation': {
        const r = this.designations.get(key);
        if (r) {
          indexRemove(this.#designationsByStaff, r.staffNo, key);
          this.#touchStaff(r.staffNo);
        }
        this.designations.delete(key);
        this.#dropEdge(`designation:${key}`);
        return;
      }
      case 'assignment': {
        const r = this.assignments.get(key);
        if (r) {
          indexRemove(this.#assignmentsByStaff, r.staffNo, key);
          this.#touchStaff(r.staffNo);
        }
        this.assignments.delete(key);
        return;
      }
      case 'qualification': {
        const r = this.qualifications.get(key);
        if (r) {
          indexRemove(this.#qualificationsByStaff, r.staffNo, key);
          this.#touchStaff(r.staffNo);
        }
        this.qualifications.delete(key);
        return;
      }
      case 'suspension': {
        const r = this.suspensions.get(key);
        if (r) {
          indexRemove(this.#suspensionsByStaff, r.staffNo, key);
          this.#touchStaff(r.staffNo);
        }
        this.suspensions.delete(key);
        return;
      }
      case 'declaration': {
        const r = this.declarations.get(key);
        if (r) {
          indexRemove(this.#declarationsByStaff, r.staffNo, key);
          this.#touchStaff(r.staffNo);
        }
        this.declarations.delete(key);
        return;
      }
      case 'campaign':
        this.campaigns.delete(Number(key));
        if (this.#changes) this.#changes.everything = true;
        return;
    }
  }

  removeAction(ref: string): void {
    const r = this.actions.get(ref);
    if (!r) return;
    this.#unlinkAction(r);
    this.actions.delete(ref);
    const node = actionNode(ref);
    if (this.graph.hasNode(node)) {
      // #unlinkAction dropped the edges an action gets; any other goes the same way (ends touched, lists
      // forgotten) rather than silently with the node.
      for (const edge of this.graph.edges(node)) this.#dropEdge(edge);
      this.#forgetTies(node);
      this.graph.dropNode(node);
    }
  }
}

/** Builds a world straight from a bundle (for pure tests and what-if checks); records apply in key order
 *  of dependency, so the bundle's own order never matters. */
export function worldFromBundle(bundle: Bundle): World {
  const w = new World();
  for (const p of bundle.people ?? []) w.putPerson({ ref: p.ref, name: p.name });
  for (const o of bundle.organizations ?? []) {
    w.putOrg({ creditCode: o.creditCode, name: o.name, kind: o.kind, region: o.region });
  }
  for (const s of bundle.staff ?? []) {
    w.putStaff({
      staffNo: s.staffNo,
      person: s.person,
      category: s.category,
      unit: s.unit,
      jurisdiction: s.jurisdiction,
      hiredOn: s.hiredOn,
      departedOn: s.departedOn ?? null,
      departureKind: s.departureKind ?? null,
    });
  }
  for (const p of bundle.posts ?? []) {
    w.putPost({
      code: p.code,
      name: p.name,
      unit: p.unit,
      kind: p.kind,
      rotationYears: p.rotationYears ?? null,
    });
  }
  for (const k of bundle.kinship ?? [])
    w.putKinship({ person: k.person, relative: k.relative, relation: k.relation });
  for (const a of bundle.affiliations ?? []) {
    w.putAffiliation({
      person: a.person,
      org: a.org,
      role: a.role,
      share: a.share ?? null,
      paid: a.paid ?? false,
      from: a.from ?? null,
      to: a.to ?? null,
      source: a.source,
    });
  }
  for (const o of bundle.ownerships ?? []) {
    w.putOwnership({
      owner: o.owner,
      org: o.org,
      share: o.share ?? null,
      from: o.from ?? null,
      to: o.to ?? null,
    });
  }
  for (const a of bundle.assignments ?? []) {
    w.putAssignment({ staffNo: a.staffNo, post: a.post, from: a.from, to: a.to ?? null });
  }
  for (const q of bundle.qualifications ?? []) {
    w.putQualification({
      staffNo: q.staffNo,
      kind: q.kind,
      certNo: q.certNo,
      passedOn: q.passedOn,
      expiresOn: q.expiresOn ?? null,
    });
  }
  for (const s of bundle.suspensions ?? []) {
    w.putSuspension({ staffNo: s.staffNo, from: s.from, to: s.to ?? null, reason: s.reason });
  }
  for (const a of bundle.enforcementActions ?? []) {
    w.putAction({ ref: a.ref, kind: a.kind, org: a.org, on: a.on, officers: [...a.officers] });
  }
  for (const e of bundle.engagements ?? [])
    w.putEngagement({ client: e.client, contractor: e.contractor, on: e.on });
  for (const d of bundle.designations ?? []) {
    w.putDesignation({ staffNo: d.staffNo, org: d.org, on: d.on, source: d.source, note: d.note ?? null });
  }
  for (const c of bundle.campaigns ?? []) w.putCampaign({ year: c.year, dueOn: c.dueOn });
  for (const d of bundle.declarations ?? []) {
    w.putDeclaration({
      staffNo: d.staffNo,
      year: d.year,
      submittedOn: d.submittedOn ?? null,
      items: d.items.map((i) => ({ ...i })),
    });
  }
  return w;
}
