import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

const world = loadFixture('world-small.json');

describe('submitting with an Idempotency-Key', () => {
  let t: TestContext;
  const submit = (staffNo: string, key: string, body: unknown, year = 2026) =>
    t.call('POST', `/api/v1/declarations/${staffNo}/${year}/submissions`, {
      as: 'staff',
      sub: staffNo,
      headers: { 'idempotency-key': key },
      body,
    });
  const declarationsOf = (staffNo: string) =>
    t.db
      .selectFrom('declaration')
      .innerJoin('staff', 'staff.id', 'declaration.staffId')
      .select(['declaration.version', 'declaration.year'])
      .where('staff.staffNo', '=', staffNo)
      .where('declaration.year', '=', 2026)
      .execute();
  const auditCount = async (action: string, actor: string) =>
    (await t.call('GET', `/api/v1/audit?action=${action}&actor=${actor}&limit=1000`, { as: 'admin' })).body
      .items.length;

  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), world);
    expect((await t.call('POST', '/api/v1/campaigns', { as: 'admin', body: { year: 2026 } })).status).toBe(
      201,
    );
  });
  afterAll(() => t.close());

  const s002 = {
    items: [
      { type: 'relative', person: 'P2B', relation: 'sibling' },
      { type: 'affiliation', person: 'P2B', org: '91230503MA1B00002E', role: 'shareholder' },
    ],
    nothingToReport: false,
  };

  it('answers a replay exactly as the first time, without submitting twice', async () => {
    const first = await submit('S002', 'k-s002-1', s002);
    const replay = await submit('S002', 'k-s002-1', s002);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await declarationsOf('S002')).toEqual([{ version: 1, year: 2026 }]);
    expect(await auditCount('submit-declaration', 'S002')).toBe(1);
  });

  it('refuses the same key with a different body (422), changing nothing', async () => {
    const res = await submit('S002', 'k-s002-1', { ...s002, amendmentReason: '补充' });
    expect(res.status).toBe(422);
    expect(res.body.idempotencyKey).toBe('k-s002-1');
    const otherYear = await submit('S002', 'k-s002-1', s002, 2025);
    expect(otherYear.status).toBe(422);
    expect(await declarationsOf('S002')).toEqual([{ version: 1, year: 2026 }]);
  });

  it('keeps keys apart per caller: another staff member may use the same key', async () => {
    const res = await submit('S003', 'k-s002-1', { items: [], nothingToReport: true });
    expect(res.status).toBe(201);
    expect(res.body.staffNo).toBe('S003');
  });

  it('creates one declaration (and one new person) from 20 concurrent submissions with one key', async () => {
    const body = {
      items: [
        { type: 'relative', person: 'P4H', relation: 'spouse' },
        {
          type: 'relative',
          person: 'new:daughter',
          relation: 'child',
          name: '黄小雨',
          idNumber: '230502201801010019',
        },
        { type: 'affiliation', person: 'P4H', org: '91230503MA1B00003H', role: 'legal_representative' },
      ],
      nothingToReport: false,
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => submit('S004', 'k-s004-once', body)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(await declarationsOf('S004')).toEqual([{ version: 1, year: 2026 }]);
    const people = await t.db
      .selectFrom('person')
      .select('ref')
      .where('idNumber', '=', '230502201801010019')
      .execute();
    expect(people).toEqual([{ ref: 'D2026-S004-1' }]);
    const keys = await t.db
      .selectFrom('idempotencyKey')
      .select('key')
      .where('key', '=', 'k-s004-once')
      .execute();
    expect(keys).toHaveLength(1);
    expect(await auditCount('submit-declaration', 'S004')).toBe(1);
    expect(await auditCount('create-person', 'S004')).toBe(1);
  });

  it('rejects a malformed key', async () => {
    const res = await submit('S005', 'has spaces in it', { items: [], nothingToReport: true });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('/headers/idempotency-key');
  });
});
