import { type Day } from '../lib/days.ts';
import { plusDays, plusYears } from './calendar.ts';
import type { CreditCodeIssuerKind } from './credit-code.ts';
import { shortName } from './divisions.ts';
import type { OrgKind, OrgRef, PrefectureWorld, Sex, WorldContext } from './model.ts';
import { BRANDS, FIRM_SUFFIX, SHOP_SUFFIX } from './names.ts';
import type { RecordOf, WorldRecord } from './types.ts';

// Phase R: the corporate-registry extract. Every firm is owned and run by registry people who are
// neither staff nor relatives; holding companies own venues and fire firms through short chains.

type Out = Generator<WorldRecord, void, undefined>;
type NameStyle = keyof typeof FIRM_SUFFIX;

const FIRE_KIND_MIX: ReadonlyArray<readonly [OrgKind, number]> = [
  ['fire_engineering', 0.3],
  ['technical_service_maintenance', 0.3],
  ['technical_service_assessment', 0.12],
  ['fire_product', 0.28],
];

export interface NewOrg {
  kind: OrgKind;
  region: string;
  pref: PrefectureWorld;
  style?: NameStyle;
  name?: string;
  /** The city named in the firm's name, when it is registered outside `pref`. */
  city?: string;
  issuer?: CreditCodeIssuerKind;
}

/** A natural person with a valid, unique identity number, born in `region`. */
export function* person(
  ctx: WorldContext,
  ref: string,
  region: string,
  born: Day,
  sex: Sex,
  name: string,
): Generator<WorldRecord, string, undefined> {
  const idNumber = ctx.ids.issue(region, born, sex, (d) => plusDays(d, 1));
  yield { kind: 'people', record: { ref, name, idNumber } };
  return idNumber;
}

/** A new registry person (owner, director) living in the prefecture. */
export function* independent(
  ctx: WorldContext,
  pref: PrefectureWorld,
): Generator<WorldRecord, string, undefined> {
  const { rng, asOf } = ctx;
  const ref = `Q${String(++ctx.independentNo).padStart(6, '0')}`;
  const sex: Sex = rng.chance(0.7) ? 'male' : 'female';
  const name = rng.faker.person.lastName() + rng.faker.person.firstName(sex);
  const born = rng.day(plusYears(asOf, -66), plusYears(asOf, -28));
  yield* person(ctx, ref, rng.pick(pref.prefecture.counties).code, born, sex, name);
  pref.independents.push(ref);
  return ref;
}

/** A registry person: mostly new, sometimes one who already runs another firm. */
function* owner(ctx: WorldContext, pref: PrefectureWorld): Generator<WorldRecord, string, undefined> {
  if (pref.independents.length > 0 && ctx.rng.chance(0.25)) return ctx.rng.pick(pref.independents);
  return yield* independent(ctx, pref);
}

function uniqueName(ctx: WorldContext, make: () => string): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = make();
    if (!ctx.orgNames.has(name)) {
      ctx.orgNames.add(name);
      return name;
    }
  }
  for (let n = 2; ; n++) {
    const name = `${make()}第${n}分公司`;
    if (!ctx.orgNames.has(name)) {
      ctx.orgNames.add(name);
      return name;
    }
  }
}

function styleOf(kind: OrgKind): NameStyle {
  return kind === 'industry_association' || kind === 'other' ? 'trading' : kind;
}

/** Creates an organisation record (not yet its people). */
export function* organization(ctx: WorldContext, spec: NewOrg): Generator<WorldRecord, OrgRef, undefined> {
  const { rng } = ctx;
  const city = spec.city ?? shortName(spec.pref.prefecture.name);
  const style = spec.style ?? styleOf(spec.kind);
  const county = spec.pref.prefecture.counties.find((c) => c.code === spec.region);
  const place = county && rng.chance(0.3) ? county.name.replace(/(区|县|市)$/, '') : city;
  const name =
    spec.name ?? uniqueName(ctx, () => `${place}${rng.pick(BRANDS)}${rng.pick(FIRM_SUFFIX[style])}`);
  if (spec.name) ctx.orgNames.add(spec.name);
  const code = ctx.codes.issue(
    spec.issuer ?? (spec.kind === 'industry_association' ? 'association' : 'enterprise'),
    spec.region,
  );
  const org: OrgRef = { code, name, kind: spec.kind, region: spec.region };
  yield { kind: 'organizations', record: { creditCode: code, name, kind: spec.kind, region: spec.region } };
  return org;
}

export interface TieExtra {
  share?: number | null;
  paid?: boolean;
  source?: RecordOf<'affiliations'>['source'];
}

/** An affiliation record: a person's role in an organisation over `[from, to)`. */
export function tie(
  personRef: string,
  org: string,
  role: RecordOf<'affiliations'>['role'],
  from: Day | null,
  to: Day | null,
  extra: TieExtra = {},
): RecordOf<'affiliations'> {
  return {
    person: personRef,
    org,
    role,
    share: extra.share ?? null,
    paid: extra.paid ?? false,
    from,
    to,
    source: extra.source ?? 'registry',
  };
}

export function affiliation(...args: Parameters<typeof tie>): WorldRecord {
  return { kind: 'affiliations', record: tie(...args) };
}

/** An ownership record; every one (ended or not) feeds the conservative tie closure. */
export function ownership(
  ctx: WorldContext,
  owner: string,
  org: string,
  share: number,
  from: Day,
  to: Day | null = null,
): WorldRecord {
  const list = ctx.owns.get(owner);
  if (list) list.push(org);
  else ctx.owns.set(owner, [org]);
  return { kind: 'ownerships', record: { owner, org, share, from, to } };
}

/** Registry people who own and run a firm from its founding day. */
export function* founders(ctx: WorldContext, org: OrgRef, pref: PrefectureWorld, founded: Day): Out {
  const { rng } = ctx;
  if (org.kind === 'industry_association') {
    yield affiliation(yield* owner(ctx, pref), org.code, 'director', founded, null, {
      paid: rng.chance(0.5),
    });
    yield affiliation(yield* owner(ctx, pref), org.code, 'executive', founded, null, { paid: true });
    return;
  }
  const first = yield* owner(ctx, pref);
  if (rng.chance(0.45)) {
    yield affiliation(first, org.code, 'owner', founded, null, { share: 100 });
  } else {
    const second = yield* owner(ctx, pref);
    const share = rng.int(51, 90);
    yield affiliation(first, org.code, 'shareholder', founded, null, { share });
    if (second !== first)
      yield affiliation(second, org.code, 'shareholder', founded, null, { share: 100 - share });
  }
  yield affiliation(first, org.code, 'legal_representative', founded, null);
  if (rng.chance(0.3))
    yield affiliation(yield* owner(ctx, pref), org.code, 'executive', founded, null, { paid: true });
}

export function foundingDay(ctx: WorldContext): Day {
  return ctx.rng.day(plusYears(ctx.asOf, -20), plusDays(ctx.asOf, -400));
}

function* registered(ctx: WorldContext, spec: NewOrg): Generator<WorldRecord, OrgRef, undefined> {
  const org = yield* organization(ctx, spec);
  yield* founders(ctx, org, spec.pref, foundingDay(ctx));
  return org;
}

/** Writes the noise registry of every prefecture and fills the prefecture pools. */
export function* writeRegistry(ctx: WorldContext): Out {
  const { rng } = ctx;
  const provinceAssociations = new Map<string, OrgRef>();
  for (const pref of ctx.prefectures) {
    const n = pref.staffCount;
    const province = pref.prefecture.province;
    const counties = pref.prefecture.counties;
    const county = () => rng.pick(counties).code;

    let provincial = provinceAssociations.get(province.code);
    if (!provincial) {
      provincial = yield* registered(ctx, {
        kind: 'industry_association',
        region: province.capital,
        pref,
        name: `${province.name}消防协会`,
      });
      provinceAssociations.set(province.code, provincial);
    }
    pref.provinceAssociation = provincial;
    pref.association = yield* registered(ctx, {
      kind: 'industry_association',
      region: pref.prefecture.code,
      pref,
      name: `${pref.prefecture.name}消防协会`,
    });

    for (let i = 0; i < Math.max(3, Math.round(n / 60)); i++) {
      pref.intermediaries.push(yield* registered(ctx, { kind: 'intermediary', region: county(), pref }));
    }
    for (let i = 0; i < Math.max(8, Math.round(n / 8)); i++) {
      const kind = rng.weighted(FIRE_KIND_MIX);
      if (kind === 'fire_product' && rng.chance(0.35)) {
        pref.fireFirms.push(yield* shop(ctx, pref, county()));
      } else {
        pref.fireFirms.push(yield* registered(ctx, { kind, region: county(), pref }));
      }
    }
    for (let i = 0; i < Math.max(16, Math.round(n / 2)); i++) {
      const region = i < counties.length ? counties[i]!.code : county();
      const venue = yield* organization(ctx, { kind: 'public_venue', region, pref });
      venue.contractors = [];
      pref.venues.push(venue);
      const list = pref.venuesByCounty.get(region) ?? [];
      list.push(venue);
      pref.venuesByCounty.set(region, list);
    }
    for (let i = 0; i < Math.max(6, Math.round(n / 8)); i++) {
      pref.trading.push(yield* registered(ctx, { kind: 'other', region: county(), pref, style: 'trading' }));
    }
    yield* venueOwners(ctx, pref);
    yield* fireGroups(ctx, pref);
  }
}

/** An individual business (个体工商户) named after its owner. */
function* shop(
  ctx: WorldContext,
  pref: PrefectureWorld,
  region: string,
): Generator<WorldRecord, OrgRef, undefined> {
  const ownerRef = yield* independent(ctx, pref);
  const surname = ctx.rng.faker.person.lastName();
  const county = pref.prefecture.counties.find((c) => c.code === region)!;
  const org = yield* organization(ctx, {
    kind: 'fire_product',
    region,
    pref,
    issuer: 'individual',
    name: uniqueName(ctx, () => `${county.name}${surname}记${SHOP_SUFFIX}`),
  });
  const founded = foundingDay(ctx);
  yield affiliation(ownerRef, org.code, 'owner', founded, null, { share: 100 });
  yield affiliation(ownerRef, org.code, 'legal_representative', founded, null);
  return org;
}

/** Venues are run by managers; a share of them belong to holding companies. */
function* venueOwners(ctx: WorldContext, pref: PrefectureWorld): Out {
  const { rng } = ctx;
  const unowned = [...pref.venues];
  rng.shuffle(unowned);
  const holdings = Math.max(2, Math.round(pref.staffCount / 80));
  for (let h = 0; h < holdings && unowned.length > 0; h++) {
    const holding = yield* registered(ctx, {
      kind: 'other',
      region: rng.pick(pref.prefecture.counties).code,
      pref,
      style: 'holding',
    });
    pref.venueHoldings.push(holding);
    const owned = unowned.splice(0, rng.int(1, 3));
    for (const venue of owned) {
      const founded = foundingDay(ctx);
      yield ownership(ctx, holding.code, venue.code, rng.int(51, 100), founded);
      yield affiliation(yield* owner(ctx, pref), venue.code, 'legal_representative', founded, null);
      if (rng.chance(0.5))
        yield affiliation(yield* owner(ctx, pref), venue.code, 'executive', founded, null, { paid: true });
    }
  }
  for (const venue of unowned) yield* founders(ctx, venue, pref, foundingDay(ctx));
}

/** Investment groups that own fire firms one or two hops down; run by registry people only. */
function* fireGroups(ctx: WorldContext, pref: PrefectureWorld): Out {
  const { rng } = ctx;
  const groups = Math.max(1, Math.round(pref.staffCount / 100));
  const firms = rng.shuffle([...pref.fireFirms]);
  for (let g = 0; g < groups && g < firms.length; g++) {
    const region = rng.pick(pref.prefecture.counties).code;
    const top = yield* registered(ctx, { kind: 'other', region, pref, style: 'holding' });
    const founded = foundingDay(ctx);
    if (rng.chance(0.5)) {
      const middle = yield* registered(ctx, { kind: 'other', region, pref, style: 'holding' });
      yield ownership(ctx, top.code, middle.code, rng.int(51, 100), founded);
      yield ownership(ctx, middle.code, firms[g]!.code, rng.int(30, 80), founded);
    } else {
      yield ownership(ctx, top.code, firms[g]!.code, rng.int(30, 80), founded);
    }
  }
}
