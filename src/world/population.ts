import { type Day } from '../lib/days.ts';
import { daysFrom, plusDays, plusYears } from './calendar.ts';
import { PREFECTURES, shortName } from './divisions.ts';
import type {
  Category,
  DepartureKind,
  PostSlot,
  PrefectureWorld,
  Qualification,
  Sex,
  StaffCore,
  Unit,
  WorldContext,
} from './model.ts';
import { SUSPENSION_REASONS } from './names.ts';
import type { Rng } from './rng.ts';

// Phase A: the roster. Units from real division codes, staff in realistic proportions, their
// posts, certificates and suspensions. Nothing is written yet: planted cases may reshape a record.

export const STAFF_PER_DETACHMENT = 400;
export const MIN_STAFF = 40;

const SERVING_SHARE: ReadonlyArray<readonly [Category, number, number]> = [
  // category, share of serving staff, minimum head count (planted cases draw on these)
  ['leader_cadre', 0.06, 3],
  ['enforcement_cadre', 0.15, 12],
  ['cadre', 0.14, 5],
  ['civilian', 0.17, 5],
  ['firefighter', 0.48, 0],
];
const FORMER_SHARE = 0.12;
const MIN_FORMER = 14;
const NEW_HIRE_SHARE = 0.03;
const COUPLE_SHARE = 0.03;

const AGE: Record<Category, [number, number]> = {
  leader_cadre: [38, 58],
  enforcement_cadre: [26, 55],
  cadre: [25, 57],
  firefighter: [19, 45],
  civilian: [21, 50],
};
const HIRE_AGE: Record<Category, [number, number]> = {
  leader_cadre: [22, 24],
  enforcement_cadre: [22, 24],
  cadre: [22, 25],
  firefighter: [18, 21],
  civilian: [21, 35],
};
const MALE_SHARE: Record<Category, number> = {
  leader_cadre: 0.9,
  enforcement_cadre: 0.8,
  cadre: 0.7,
  firefighter: 0.97,
  civilian: 0.4,
};

interface SlotTemplate {
  prefix: string;
  kind: PostSlot['kind'];
  titles: ReadonlyArray<readonly [title: string, rotationYears: number | null]>;
}
const SLOT_TEMPLATES: Record<Category, { hq: SlotTemplate; brigade: SlotTemplate }> = {
  leader_cadre: {
    hq: {
      prefix: 'LDR',
      kind: 'leadership',
      titles: [
        ['支队长', null],
        ['政治委员', null],
        ['副支队长', null],
        ['参谋长', null],
      ],
    },
    brigade: {
      prefix: 'LDR',
      kind: 'leadership',
      titles: [
        ['大队长', 5],
        ['教导员', 5],
        ['副大队长', 5],
      ],
    },
  },
  enforcement_cadre: {
    hq: {
      prefix: 'ENF',
      kind: 'enforcement',
      titles: [
        ['防火监督处监督员', 5],
        ['法制员', 5],
      ],
    },
    brigade: {
      prefix: 'ENF',
      kind: 'enforcement',
      titles: [
        ['防火监督员', 5],
        ['防火监督员', 5],
        ['法制员', 5],
        ['火灾事故调查员', 5],
      ],
    },
  },
  cadre: {
    hq: {
      prefix: 'ADM',
      kind: 'administrative',
      titles: [
        ['财务助理', 5],
        ['装备助理', 5],
        ['政工干事', null],
        ['作战训练参谋', null],
        ['秘书', null],
      ],
    },
    brigade: {
      prefix: 'ADM',
      kind: 'administrative',
      titles: [
        ['财务助理', 5],
        ['政工干事', null],
        ['参谋', null],
      ],
    },
  },
  firefighter: {
    hq: {
      prefix: 'RES',
      kind: 'rescue',
      titles: [
        ['特勤站战斗员', null],
        ['特勤站驾驶员', null],
      ],
    },
    brigade: {
      prefix: 'RES',
      kind: 'rescue',
      titles: [
        ['消防站战斗员', null],
        ['消防站班长', null],
        ['消防站驾驶员', null],
        ['消防站通信员', null],
      ],
    },
  },
  civilian: {
    hq: {
      prefix: 'CIV',
      kind: 'administrative',
      titles: [
        ['政务窗口受理文员', 3],
        ['财务文员', 3],
        ['档案文员', null],
      ],
    },
    brigade: {
      prefix: 'CIV',
      kind: 'administrative',
      titles: [
        ['窗口受理文员', 3],
        ['后勤文员', null],
        ['档案文员', null],
      ],
    },
  },
};

export function buildPrefectures(staff: number): PrefectureWorld[] {
  const count = Math.min(PREFECTURES.length, Math.max(1, Math.ceil(staff / STAFF_PER_DETACHMENT)));
  return PREFECTURES.slice(0, count).map((prefecture, index) => {
    const pref: PrefectureWorld = {
      index,
      prefecture,
      hq: undefined as unknown as Unit,
      brigades: [],
      staffCount: Math.floor(staff / count) + (index < staff % count ? 1 : 0),
      association: null,
      provinceAssociation: null,
      intermediaries: [],
      fireFirms: [],
      venues: [],
      venuesByCounty: new Map(),
      trading: [],
      venueHoldings: [],
      independents: [],
      officers: [],
      auxiliaries: [],
      slots: new Map(),
    };
    pref.hq = { name: `${prefecture.name}消防救援支队`, jurisdiction: prefecture.code, county: null, pref };
    pref.brigades = prefecture.counties.map((county) => ({
      name: `${prefecture.name}消防救援支队${county.name}大队`,
      jurisdiction: county.code,
      county,
      pref,
    }));
    return pref;
  });
}

/** Exact head counts per (category, serving?) so small worlds still hold every kind of case. */
function rosterPlan(rng: Rng, total: number): Array<{ category: Category; former: boolean }> {
  const former = Math.max(MIN_FORMER, Math.round(total * FORMER_SHARE));
  const serving = total - former;
  const plan: Array<{ category: Category; former: boolean }> = [];
  let assigned = 0;
  for (const [category, share, minimum] of SERVING_SHARE) {
    const n =
      category === 'firefighter' ? serving - assigned : Math.max(minimum, Math.round(serving * share));
    for (let i = 0; i < n; i++) plan.push({ category, former: false });
    assigned += n;
  }
  const formerMix: ReadonlyArray<readonly [Category, number]> = [
    ['leader_cadre', 0.12],
    ['enforcement_cadre', 0.22],
    ['cadre', 0.2],
    ['firefighter', 0.31],
    ['civilian', 0.15],
  ];
  for (let i = 0; i < former; i++) plan.push({ category: rng.weighted(formerMix), former: true });
  return rng.shuffle(plan);
}

export function staffDigits(total: number): number {
  return Math.max(4, String(total).length);
}

export function buildRoster(ctx: WorldContext, total: number): void {
  const { rng } = ctx;
  const plan = rosterPlan(rng, total);
  const width = staffDigits(total);
  let i = 0;
  for (const pref of ctx.prefectures) {
    const units = [pref.hq, ...pref.brigades];
    // headquarters holds about an eighth of a detachment; city districts are busier than counties
    const weights = units.map((u) => (u.county === null ? 1.2 : u.county.name.endsWith('区') ? 1.3 : 1));
    const pairs = units.map((u, k) => [u, weights[k]!] as const);
    for (let k = 0; k < pref.staffCount; k++, i++) {
      const { category, former } = plan[i]!;
      const unit = k < units.length ? units[k]! : rng.weighted(pairs);
      const digits = String(i + 1).padStart(width, '0');
      const sex: Sex = rng.chance(MALE_SHARE[category]) ? 'male' : 'female';
      const s: StaffCore = {
        index: i,
        staffNo: `S${digits}`,
        personRef: `P${digits}`,
        category,
        unit,
        sex,
        born: '',
        surname: rng.faker.person.lastName(),
        name: '',
        hiredOn: '',
        departedOn: null,
        departureKind: null,
        slot: undefined as unknown as PostSlot,
        quals: [],
        suspensions: [],
        spouse: null,
        ties: null,
        reserved: false,
        hooks: [],
      };
      s.name = s.surname + rng.faker.person.firstName(sex);
      if (former) {
        const kind = rng.weighted<DepartureKind>([
          ['retired', 0.45],
          ['resigned', 0.25],
          ['transferred', 0.2],
          ['dismissed', 0.1],
        ]);
        const earliest = plusYears(ctx.asOf, kind === 'retired' ? -12 : -8);
        setFormerDates(ctx, s, kind, rng.day(earliest, plusDays(ctx.asOf, -1)));
      } else {
        setServingDates(ctx, s, rng.chance(NEW_HIRE_SHARE));
      }
      assignSlot(s);
      ctx.staff.push(s);
    }
  }
  for (const s of ctx.staff) s.quals = buildQualifications(ctx, s);
  addNoiseSuspensions(ctx);
  pairCouples(ctx);
}

function hireDay(rng: Rng, year: number, category: Category): Day {
  if (category === 'civilian') return rng.day(`${year}-01-01`, `${year}-12-31`);
  if (category === 'firefighter') return rng.pick([`${year}-09-01`, `${year}-12-01`]);
  return rng.pick([`${year}-07-01`, `${year}-09-01`]);
}

/** Serving on asOf; a new hire joined after the campaign year ended (no declaration due). */
export function setServingDates(ctx: WorldContext, s: StaffCore, newHire: boolean): void {
  const { rng, asOf } = ctx;
  const [minAge, maxAge] = AGE[s.category];
  const [minHire, maxHire] = HIRE_AGE[s.category];
  if (newHire) {
    const from = `${ctx.year + 1}-01-01`;
    s.hiredOn = rng.day(from < asOf ? from : asOf, asOf);
    s.born = rng.day(plusYears(s.hiredOn, -(maxHire + 1)), plusYears(s.hiredOn, -minHire));
  } else {
    s.born = rng.day(plusYears(asOf, -(maxAge + 1)), plusYears(asOf, -minAge));
    const hireYear = Number(s.born.slice(0, 4)) + rng.int(minHire, maxHire);
    const hired = hireDay(rng, hireYear, s.category);
    s.hiredOn = hired <= asOf ? hired : rng.day(plusYears(asOf, -1), asOf);
  }
  s.departedOn = null;
  s.departureKind = null;
}

/** Former on asOf: retirees leave at 55–60, others after at least two years of service. */
export function setFormerDates(ctx: WorldContext, s: StaffCore, kind: DepartureKind, departedOn: Day): void {
  const { rng } = ctx;
  const [minHire, maxHire] = HIRE_AGE[s.category];
  if (kind === 'retired') {
    s.born = rng.day(plusYears(departedOn, -60), plusYears(departedOn, -55));
    s.hiredOn = hireDay(rng, Number(s.born.slice(0, 4)) + rng.int(minHire, maxHire), s.category);
  } else {
    const service = rng.int(2, 25);
    const hireYear = Number(departedOn.slice(0, 4)) - service;
    s.hiredOn = hireDay(rng, hireYear, s.category);
    if (daysFrom(s.hiredOn, departedOn) < 365) s.hiredOn = plusYears(departedOn, -2);
    s.born = rng.day(plusYears(s.hiredOn, -(maxHire + 1)), plusYears(s.hiredOn, -minHire));
  }
  s.departedOn = departedOn;
  s.departureKind = kind;
}

export function assignSlot(s: StaffCore): void {
  const pref = s.unit.pref;
  const template = SLOT_TEMPLATES[s.category][s.unit.county === null ? 'hq' : 'brigade'];
  const key = `${template.prefix}-${s.unit.jurisdiction}`;
  const list = pref.slots.get(key) ?? [];
  if (!pref.slots.has(key)) pref.slots.set(key, list);
  const [title, rotationYears] = template.titles[list.length % template.titles.length]!;
  const place = s.unit.county ? `${s.unit.county.name}大队` : `${shortName(pref.prefecture.name)}支队`;
  const slot: PostSlot = {
    code: `${key}-${String(list.length + 1).padStart(3, '0')}`,
    name: `${place}${title}`,
    unit: s.unit.name,
    kind: template.kind,
    rotationYears,
  };
  list.push(slot);
  s.slot = slot;
}

const CERT = {
  enforcement: { validYears: 6, code: 'ZF' },
  auxiliary: { validYears: 3, code: 'FZ' },
} as const;

function certificateKind(rng: Rng, category: Category): 'enforcement' | 'auxiliary' | null {
  switch (category) {
    case 'enforcement_cadre':
      return 'enforcement';
    case 'leader_cadre':
      return rng.chance(0.7) ? 'enforcement' : null;
    case 'cadre':
      return rng.chance(0.25) ? 'enforcement' : null;
    case 'civilian':
      return rng.chance(0.45) ? 'auxiliary' : null;
    case 'firefighter':
      return null;
  }
}

/**
 * A renewal chain of certificates, each renewed up to two months before it expires, from a year
 * after hiring until past asOf (serving) or until departure. `lapseOn` ends the chain on that day
 * with no renewal (a lapsed officer).
 */
export function buildQualifications(
  ctx: WorldContext,
  s: StaffCore,
  options: { kind?: 'enforcement' | 'auxiliary' | null; lapseOn?: Day } = {},
): Qualification[] {
  const { rng, asOf } = ctx;
  const kind = options.kind !== undefined ? options.kind : certificateKind(rng, s.category);
  if (kind === null) return [];
  const { validYears, code } = CERT[kind];
  const abbr = s.unit.pref.prefecture.province.abbr;
  const cert = (passedOn: Day, expiresOn: Day, n: number): Qualification => ({
    kind,
    certNo: `${abbr}-${code}-${passedOn.slice(0, 4)}-${s.staffNo.slice(1)}-${n}`,
    passedOn,
    expiresOn,
  });
  const firstPossible = plusYears(s.hiredOn, 1);
  if (options.lapseOn) {
    const passed = plusYears(options.lapseOn, -validYears);
    return [cert(passed > firstPossible ? passed : firstPossible, options.lapseOn, 1)];
  }
  const end = s.departedOn ?? asOf;
  const recent = rng.day(plusYears(asOf, -10), plusYears(asOf, -8));
  let passedOn = firstPossible > recent ? firstPossible : recent;
  if (passedOn >= end || passedOn > plusDays(asOf, -14)) return [];
  const chain: Qualification[] = [];
  for (;;) {
    const expiresOn = plusYears(passedOn, validYears);
    chain.push(cert(passedOn, expiresOn, chain.length + 1));
    if (expiresOn > end) break;
    passedOn = plusDays(expiresOn, -rng.int(0, 60));
    if (s.departedOn && passedOn >= s.departedOn) break;
  }
  return chain;
}

function addNoiseSuspensions(ctx: WorldContext): void {
  const { rng, asOf } = ctx;
  for (const s of ctx.staff) {
    if (s.departedOn !== null || daysFrom(s.hiredOn, asOf) < 400) continue;
    if (rng.chance(0.015)) {
      const from = rng.day(plusYears(asOf, -3), plusDays(asOf, -200));
      const start = from > s.hiredOn ? from : plusDays(s.hiredOn, 30);
      s.suspensions.push({
        from: start,
        to: plusDays(start, rng.int(20, 150)),
        reason: rng.pick(SUSPENSION_REASONS),
      });
    } else if (rng.chance(0.004)) {
      s.suspensions.push({
        from: rng.day(plusDays(asOf, -120), plusDays(asOf, -1)),
        to: null,
        reason: rng.pick(SUSPENSION_REASONS),
      });
    }
  }
}

function ageOn(s: StaffCore, day: Day): number {
  return daysFrom(s.born, day) / 365.25;
}

/** A few serving staff are married to each other: one natural person each, one kinship record. */
function pairCouples(ctx: WorldContext): void {
  const { rng, asOf } = ctx;
  const target = Math.floor((ctx.staff.length * COUPLE_SHARE) / 2);
  for (const pref of ctx.prefectures) {
    const adults = ctx.staff.filter(
      (s) => s.unit.pref === pref && s.departedOn === null && ageOn(s, asOf) >= 25,
    );
    rng.shuffle(adults);
    const quota = Math.ceil((target * pref.staffCount) / ctx.staff.length);
    let madeHere = 0;
    for (let k = 0; k + 1 < adults.length && madeHere < quota; k += 2) {
      const a = adults[k]!;
      const b = adults[k + 1]!;
      if (a.sex === b.sex || Math.abs(ageOn(a, asOf) - ageOn(b, asOf)) > 8) continue;
      a.spouse = b;
      b.spouse = a;
      madeHere++;
    }
  }
}
