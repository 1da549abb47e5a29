import type { Kysely } from 'kysely';
import type { Actor } from '../audit/actor.ts';
import type { Principal } from '../auth/roles.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { readAudited } from '../personnel/audited-read.ts';
import { resolveDeclarant } from './access.ts';
import type { ItemInput } from './items.ts';
import { knownFor, type Known, type StaffIdentity } from './known-ties.ts';
import { closeRelationsInForce } from './policy.ts';

const tieKey = (t: { person: string; org: string; role: string }) =>
  `${t.person}\u0000${t.org}\u0000${t.role}`;

/** The known side as draft items: each close relative, and each tie once (its latest record), with its basis. */
export function prefillItems(known: Known): ItemInput[] {
  const items: ItemInput[] = known.relatives
    .filter((r) => r.close)
    .map((r) => ({
      type: 'relative',
      person: r.person,
      relation: r.relation,
      basis: { known: true, sources: ['kinship'], records: [r.kinship.id] },
    }));
  const byTie = new Map<string, Known['ties']>();
  for (const t of known.ties) byTie.set(tieKey(t), [...(byTie.get(tieKey(t)) ?? []), t]);
  for (const records of byTie.values()) {
    const latest = records.reduce((a, b) => ((b.from ?? '') > (a.from ?? '') ? b : a));
    items.push({
      type: 'affiliation',
      person: latest.person,
      org: latest.org,
      role: latest.role,
      from: latest.from,
      to: latest.to,
      share: latest.share,
      paid: latest.paid,
      basis: {
        known: true,
        sources: [...new Set(records.map((r) => r.source))],
        records: records.map((r) => r.affiliation),
      },
    });
  }
  return items;
}

/** Items with the server's basis annotation: whether each is already recorded, and where from. */
export function annotate(items: ItemInput[], known: Known): ItemInput[] {
  const relatives = new Map(known.relatives.map((r) => [r.person, r]));
  return items.map((item) => {
    if (item.type === 'relative') {
      const r = relatives.get(item.person);
      return {
        ...item,
        basis: { known: !!r, sources: r ? ['kinship'] : [], records: r ? [r.kinship.id] : [] },
      };
    }
    const ties = known.ties.filter((t) => tieKey(t) === tieKey(item));
    return {
      ...item,
      basis: {
        known: ties.length > 0,
        sources: [...new Set(ties.map((t) => t.source))],
        records: ties.map((t) => t.affiliation),
      },
    };
  });
}

/** `base` followed by every known item it does not already contain (an amendment starts from what was declared). */
export function mergeKnown(base: ItemInput[], known: Known): ItemInput[] {
  const relatives = new Set(base.flatMap((i) => (i.type === 'relative' ? [i.person] : [])));
  const ties = new Set(base.flatMap((i) => (i.type === 'affiliation' ? [tieKey(i)] : [])));
  const missing = prefillItems(known).filter((i) =>
    i.type === 'relative' ? !relatives.has(i.person) : !ties.has(tieKey(i)),
  );
  return [...annotate(base, known), ...missing];
}

export async function knownNow(db: Kysely<Database>, who: StaffIdentity, year: number) {
  const policy = await closeRelationsInForce(db);
  return { known: await knownFor(db, who, year, policy.relations), policyVersion: policy.policyVersion };
}

/** What the system knows for a staff member's declaration of `year`; reveals relatives, so the read is audited. */
export async function getPrefill(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  principal: Principal,
  staffNo: string,
  year: number,
) {
  const { who } = await resolveDeclarant(db, principal, staffNo, year, { needCampaign: true });
  return readAudited(
    db,
    clock,
    actor,
    async (q) => {
      const { known, policyVersion } = await knownNow(q, who, year);
      return {
        staffNo,
        year,
        self: known.self,
        closeRelatives: known.closeRelations,
        policyVersion,
        relatives: known.relatives.filter((r) => r.close),
        ties: known.ties,
        items: prefillItems(known),
      };
    },
    (result) => ({
      action: 'read-declaration-prefill',
      objectKeys: {
        staffNo,
        year,
        people: [...new Set([result.self.person, ...result.relatives.map((r) => r.person)])].sort(),
      },
    }),
  );
}
