import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/actor.ts';
import { importBundle } from '../src/personnel/import/index.ts';
import { createTestContext, loadFixture, type TestContext } from './support/test-app.ts';

// The discipline office's case file (RULES.md 十三), on the world-small fixture.

const base = {
  type: 'misconduct',
  date: '2026-04-10',
  narrative: '检查中对明显隐患未依法处理',
  respondents: [{ staffNo: 'S014', responsibility: 'direct' }],
};

describe('accountability findings (十三)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await importBundle(t.db, t.deps.clock, systemActor('test'), loadFixture('world-small.json'));
  });
  afterAll(() => t.close());

  const record = (body: unknown, as: 'discipline' | 'admin' = 'discipline') =>
    t.call('POST', '/api/v1/findings', { as, body });
  const counts = async () => {
    const findings = await t.db
      .selectFrom('finding')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const suspensions = await t.db
      .selectFrom('suspension')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { findings: Number(findings.n), suspensions: Number(suspensions.n) };
  };
  const suspensionsOf = (staffNo: string) =>
    t.db
      .selectFrom('suspension')
      .innerJoin('staff', 'staff.id', 'suspension.staffId')
      .select(['suspension.validFrom', 'suspension.validTo', 'suspension.findingId', 'suspension.reason'])
      .where('staff.staffNo', '=', staffNo)
      .orderBy('suspension.validFrom')
      .execute();

  describe('improper_gain: every direct respondent is suspended (停职查办) from the finding’s date', () => {
    it('creates the suspension of each direct respondent with the finding, and none for leadership', async () => {
      const res = await record({
        type: 'improper_gain',
        date: '2026-05-01',
        narrative: '利用检查职权向被检查单位索要财物',
        concerns: { actions: ['A4'] },
        respondents: [
          { staffNo: 'S018', responsibility: 'direct' },
          { staffNo: 'S002', responsibility: 'direct' },
          { staffNo: 'S001', responsibility: 'leadership' },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ version: 1, status: 'open', type: 'improper_gain' });
      expect(res.body.suspensions).toEqual([
        { staffNo: 'S018', from: '2026-05-01' },
        { staffNo: 'S002', from: '2026-05-01' },
      ]);
      for (const staffNo of ['S018', 'S002']) {
        expect(await suspensionsOf(staffNo)).toEqual([
          expect.objectContaining({ validFrom: '2026-05-01', validTo: null, findingId: res.body.id }),
        ]);
      }
      expect(await suspensionsOf('S001')).toEqual([]);
      const audit = await t.call('GET', '/api/v1/audit?limit=3', { as: 'admin' });
      expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
        'create-finding',
        'create-suspension',
        'create-suspension',
      ]);
    });

    it('keeps a standing open-ended suspension that already covers the date instead of adding another', async () => {
      // S020 is suspended from 2026-01-05 in the fixture.
      const res = await record({
        type: 'improper_gain',
        date: '2026-02-01',
        narrative: '收受管理服务对象礼金',
        respondents: [{ staffNo: 'S020', responsibility: 'direct' }],
      });
      expect(res.status).toBe(201);
      expect(res.body.suspensions).toEqual([{ staffNo: 'S020', from: '2026-01-05' }]);
      expect(await suspensionsOf('S020')).toHaveLength(1);
    });

    it('does not suspend a direct respondent who had already left on the finding’s date', async () => {
      const res = await record({
        type: 'improper_gain',
        date: '2026-03-01',
        narrative: '在职期间利用职权为亲属企业谋利，离职后查实',
        respondents: [{ staffNo: 'S008', responsibility: 'direct' }],
      });
      expect(res.status).toBe(201);
      expect(res.body.suspensions).toEqual([]);
      expect(await suspensionsOf('S008')).toEqual([]);
    });

    it('refuses an improper_gain finding with no direct respondent, naming (十三), and writes nothing', async () => {
      const before = await counts();
      const res = await record({
        type: 'improper_gain',
        date: '2026-05-01',
        narrative: '线索尚未查实到人',
        respondents: [{ staffNo: 'S001', responsibility: 'leadership' }],
      });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.violations).toEqual([
        expect.objectContaining({ rule: 'ACC-IMPROPER-GAIN-SUSPENSION', article: '（十三）' }),
      ]);
      expect(res.body.detail).toContain('停职查办');
      expect(await counts()).toEqual(before);
    });
  });

  describe('a severe finding needs a leadership respondent (一案双查)', () => {
    it('refuses a severe finding with direct respondents only, naming 一案双查 and (十三)', async () => {
      const before = await counts();
      const res = await record({ ...base, severe: true });
      expect(res.status).toBe(422);
      expect(res.body.detail).toContain('一案双查');
      expect(res.body.detail).toContain('（十三）');
      expect(res.body.violations).toEqual([
        expect.objectContaining({ rule: 'ACC-DUAL-INQUIRY', article: '（十三）' }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('accepts it with a leadership respondent besides the direct one', async () => {
      const res = await record({
        ...base,
        severe: true,
        respondents: [...base.respondents, { staffNo: 'S001', responsibility: 'leadership' }],
      });
      expect(res.status).toBe(201);
      expect(res.body.respondents.map((r: { responsibility: string }) => r.responsibility)).toEqual([
        'direct',
        'leadership',
      ]);
    });

    it('checks the rule again on a correction', async () => {
      const created = await record({
        ...base,
        severe: true,
        respondents: [...base.respondents, { staffNo: 'S001', responsibility: 'leadership' }],
      });
      const res = await t.call('PUT', `/api/v1/findings/${created.body.id}`, {
        as: 'discipline',
        headers: { 'if-match': created.headers.get('etag')! },
        body: { ...base, severe: true, reason: '领导责任人认定有误' },
      });
      expect(res.status).toBe(422);
      expect(res.body.violations[0].rule).toBe('ACC-DUAL-INQUIRY');
      expect(
        (await t.call('GET', `/api/v1/findings/${created.body.id}`, { as: 'discipline' })).body.version,
      ).toBe(1);
    });
  });

  describe('corruption and dereliction close only with a referral to the supervisory commission (移交监察机关)', () => {
    const corruption = {
      type: 'corruption',
      date: '2026-03-10',
      narrative: '收受消防技术服务机构贿赂',
      respondents: [{ staffNo: 'S013', responsibility: 'direct' }],
    };

    it('refuses to close a corruption finding without a referral, then closes it with one', async () => {
      const created = await record(corruption);
      expect(created.status).toBe(201);
      const refused = await t.call('POST', `/api/v1/findings/${created.body.id}/close`, {
        as: 'discipline',
        body: { closedOn: '2026-06-01' },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain('移交监察机关');
      expect(refused.body.violations).toEqual([
        expect.objectContaining({ rule: 'ACC-REFERRAL', article: '（十三）' }),
      ]);
      expect(
        (await t.call('GET', `/api/v1/findings/${created.body.id}`, { as: 'discipline' })).body.status,
      ).toBe('open');

      const closed = await t.call('POST', `/api/v1/findings/${created.body.id}/close`, {
        as: 'discipline',
        body: {
          closedOn: '2026-06-01',
          referral: { on: '2026-05-20', reference: '双监移〔2026〕7号', authority: '双鸭山市监察委员会' },
        },
      });
      expect(closed.status).toBe(200);
      expect(closed.headers.get('etag')).toBe('"2"');
      expect(closed.body).toMatchObject({
        version: 2,
        status: 'closed',
        closedOn: '2026-06-01',
        referral: { on: '2026-05-20', reference: '双监移〔2026〕7号', authority: '双鸭山市监察委员会' },
        respondents: [{ staffNo: 'S013', responsibility: 'direct' }],
      });
      const again = await t.call('POST', `/api/v1/findings/${created.body.id}/close`, {
        as: 'discipline',
        body: {},
      });
      expect(again.status).toBe(409);
    });

    it('closes a dereliction finding with the referral recorded before', async () => {
      const created = await record({
        ...corruption,
        type: 'dereliction',
        referral: { on: '2026-04-01', reference: '双监移〔2026〕9号' },
      });
      const closed = await t.call('POST', `/api/v1/findings/${created.body.id}/close`, {
        as: 'discipline',
        body: { closedOn: '2026-06-15' },
      });
      expect(closed.status).toBe(200);
      expect(closed.body.referral).toEqual({
        on: '2026-04-01',
        reference: '双监移〔2026〕9号',
        authority: null,
      });
    });

    it('needs a referral for improper_gain only when marked suspected criminal', async () => {
      const plain = await record({
        type: 'improper_gain',
        date: '2026-06-01',
        narrative: '接受宴请',
        respondents: [{ staffNo: 'S012', responsibility: 'direct' }],
      });
      const plainClosed = await t.call('POST', `/api/v1/findings/${plain.body.id}/close`, {
        as: 'discipline',
        body: { closedOn: '2026-06-20' },
      });
      expect(plainClosed.status).toBe(200);

      const criminal = await record({
        type: 'improper_gain',
        date: '2026-06-01',
        narrative: '索取巨额财物',
        suspectedCriminal: true,
        respondents: [{ staffNo: 'S005', responsibility: 'direct' }],
      });
      const refused = await t.call('POST', `/api/v1/findings/${criminal.body.id}/close`, {
        as: 'discipline',
        body: { closedOn: '2026-06-20' },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.violations[0].rule).toBe('ACC-REFERRAL');
    });

    it('closes other types without a referral; closing today by default', async () => {
      const created = await record(base);
      const closed = await t.call('POST', `/api/v1/findings/${created.body.id}/close`, {
        as: 'admin',
        body: {},
      });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-06-30', referral: null });
    });

    it('refuses a closing day before the finding’s date, or a referral after the closing day', async () => {
      const created = await record(corruption);
      const res = await t.call('POST', `/api/v1/findings/${created.body.id}/close`, {
        as: 'discipline',
        body: { closedOn: '2026-03-01', referral: { on: '2026-03-20', reference: 'R-1' } },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        '/closedOn',
        '/referral/on',
      ]);
    });

    it('refuses a correction that withdraws the referral of a closed corruption finding', async () => {
      const created = await record({ ...corruption, referral: { on: '2026-04-01', reference: 'R-2' } });
      const closed = await t.call('POST', `/api/v1/findings/${created.body.id}/close`, {
        as: 'discipline',
        body: { closedOn: '2026-06-01' },
      });
      const res = await t.call('PUT', `/api/v1/findings/${created.body.id}`, {
        as: 'discipline',
        headers: { 'if-match': closed.headers.get('etag')! },
        body: { ...corruption, referral: null, reason: '撤回移送' },
      });
      expect(res.status).toBe(422);
      expect(res.body.violations[0].rule).toBe('ACC-REFERRAL');
    });
  });

  describe('versions: a finding is never deleted, corrections are new versions', () => {
    it('keeps every version on revision, each whole, with who, when and why', async () => {
      const created = await record({
        ...base,
        respondents: [
          {
            staffNo: 'S014',
            responsibility: 'direct',
            sanctions: [{ measure: 'warning', from: '2026-05-01' }],
          },
        ],
      });
      expect(created.headers.get('etag')).toBe('"1"');
      const revised = await t.call('PUT', `/api/v1/findings/${created.body.id}`, {
        as: 'admin',
        headers: { 'if-match': '"1"' },
        body: {
          ...base,
          type: 'unlawful_penalty',
          narrative: '违法实施处罚（更正）',
          respondents: [
            {
              staffNo: 'S014',
              responsibility: 'direct',
              sanctions: [{ measure: 'demerit', from: '2026-05-01' }],
            },
            {
              staffNo: 'S002',
              responsibility: 'direct',
              handling: [{ measure: 'criticism', on: '2026-05-01' }],
            },
          ],
          reason: '问题性质认定更正',
        },
      });
      expect(revised.status).toBe(200);
      expect(revised.headers.get('etag')).toBe('"2"');
      expect(revised.body).toMatchObject({ version: 2, type: 'unlawful_penalty', recordedBy: 'admin' });

      const versions = await t.call('GET', `/api/v1/findings/${created.body.id}/versions`, {
        as: 'investigator',
      });
      expect(versions.status).toBe(200);
      expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(versions.body.items[0]).toMatchObject({ reason: null, recordedBy: 'discipline' });
      expect(versions.body.items[0].finding).toEqual(created.body);
      expect(versions.body.items[1]).toMatchObject({ reason: '问题性质认定更正', recordedBy: 'admin' });
      expect(versions.body.items[1].finding).toEqual(revised.body);

      // The current version answers queries; the earlier respondent rows stay stored.
      const byS002 = await t.call('GET', '/api/v1/findings?staffNo=S002&type=unlawful_penalty', {
        as: 'discipline',
      });
      expect(byS002.body.items.map((f: { id: string }) => f.id)).toContain(created.body.id);
      const rows = await t.db
        .selectFrom('findingRespondent')
        .select(['version'])
        .where('findingId', '=', created.body.id)
        .execute();
      expect(rows.map((r) => r.version).sort()).toEqual([1, 2, 2]);
    });

    it('asks for If-Match (428) and refuses a stale one (412)', async () => {
      const created = await record(base);
      const path = `/api/v1/findings/${created.body.id}`;
      const body = { ...base, reason: '更正' };
      expect((await t.call('PUT', path, { as: 'discipline', body })).status).toBe(428);
      expect(
        (await t.call('PUT', path, { as: 'discipline', body, headers: { 'if-match': '"1"' } })).status,
      ).toBe(200);
      expect(
        (await t.call('PUT', path, { as: 'discipline', body, headers: { 'if-match': '"1"' } })).status,
      ).toBe(412);
      const close = await t.call('POST', `${path}/close`, {
        as: 'discipline',
        body: {},
        headers: { 'if-match': '"1"' },
      });
      expect(close.status).toBe(412);
    });

    it('pages its versions oldest first, by version, like every list', async () => {
      const created = await record(base);
      const path = `/api/v1/findings/${created.body.id}`;
      for (const [n, reason] of ['更正一', '更正二'].entries()) {
        const res = await t.call('PUT', path, {
          as: 'discipline',
          body: { ...base, reason },
          headers: { 'if-match': `"${n + 1}"` },
        });
        expect(res.status).toBe(200);
      }
      const first = await t.call('GET', `${path}/versions?limit=2`, { as: 'investigator' });
      expect(first.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      const rest = await t.call('GET', `${path}/versions?limit=2&cursor=${first.body.nextCursor}`, {
        as: 'investigator',
      });
      expect(rest.body).toMatchObject({ items: [{ version: 3, reason: '更正二' }], nextCursor: null });
      const all = await t.call('GET', `${path}/versions?limit=3`, { as: 'investigator' });
      expect(all.body.nextCursor).toBeNull();
      expect((await t.call('GET', `${path}/versions?cursor=x`, { as: 'investigator' })).status).toBe(400);
    });

    it('refuses to delete or rewrite a finding or any of its versions in the database', async () => {
      const created = await record(base);
      await expect(sql`delete from finding where id = ${created.body.id}`.execute(t.db)).rejects.toThrow(
        /never deleted/,
      );
      await expect(
        sql`update finding_version set reason = 'x' where finding_id = ${created.body.id}`.execute(t.db),
      ).rejects.toThrow(/keeps every version/);
      await expect(
        sql`delete from finding_respondent where finding_id = ${created.body.id}`.execute(t.db),
      ).rejects.toThrow(/keeps every version/);
      expect((await t.call('GET', `/api/v1/findings/${created.body.id}`, { as: 'discipline' })).status).toBe(
        200,
      );
    });
  });

  describe('what a finding concerns and who answers for it', () => {
    it('accepts an enforcement action of any age (执法质量终身负责), flags by id, declarations and rules', async () => {
      const declaration = await t.db
        .selectFrom('declaration')
        .innerJoin('staff', 'staff.id', 'declaration.staffId')
        .select(['staff.staffNo', 'declaration.year'])
        .limit(1)
        .executeTakeFirstOrThrow();
      const res = await record({
        ...base,
        type: 'reporting',
        date: '2026-06-10',
        concerns: {
          actions: ['A7'],
          declarations: [{ staffNo: declaration.staffNo, year: declaration.year }],
          rules: ['DECL-UNDECLARED', 'ENF-TWO-PERSON'],
        },
        respondents: [{ staffNo: 'S013', responsibility: 'direct' }],
      });
      expect(res.status).toBe(201);
      expect(res.body.concerns).toEqual({
        actions: ['A7'],
        flags: [],
        declarations: [{ staffNo: declaration.staffNo, year: declaration.year }],
        rules: ['DECL-UNDECLARED', 'ENF-TWO-PERSON'],
      });
      const byAction = await t.call('GET', '/api/v1/findings?action=A7', { as: 'investigator' });
      expect(byAction.body.items.map((f: { id: string }) => f.id)).toEqual([res.body.id]);
    });

    it('reports every problem of a malformed finding at once, each with its JSON path', async () => {
      const res = await record({
        ...base,
        concerns: {
          actions: ['A1', 'NO-SUCH-ACTION', 'A1'],
          flags: ['00000000-0000-4000-8000-000000000000'],
          declarations: [{ staffNo: 'S001', year: 1990 }],
        },
        respondents: [
          { staffNo: 'S999', responsibility: 'direct' },
          {
            staffNo: 'S014',
            responsibility: 'direct',
            sanctions: [{ measure: 'warning', from: '2026-01-01' }],
          },
          {
            staffNo: 'S014',
            responsibility: 'leadership',
            handling: [{ measure: 'criticism', on: '2026-01-01' }],
          },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
        [
          '/concerns/actions/1',
          '/concerns/actions/2',
          '/concerns/declarations/0',
          '/concerns/flags/0',
          '/respondents/0/staffNo',
          '/respondents/1/sanctions/0/from',
          '/respondents/2/handling/0/on',
          '/respondents/2/staffNo',
        ].sort(),
      );
    });

    it('refuses unknown fields and unknown measures as a 400 naming the field', async () => {
      const res = await record({
        ...base,
        verdict: 'guilty',
        respondents: [
          {
            staffNo: 'S014',
            responsibility: 'direct',
            sanctions: [{ measure: 'flogging', from: '2026-05-01' }],
          },
        ],
      });
      expect(res.status).toBe(400);
      const paths = res.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toContain('/respondents/0/sanctions/0/measure');
      expect(res.body.errors).toContainEqual({ path: '/verdict', message: 'unknown field' });
    });
  });

  describe('reading and listing', () => {
    it('filters by type, status, staffNo and year and pages with a cursor', async () => {
      const last = await record({
        ...base,
        date: '2025-11-02',
        respondents: [{ staffNo: 'S023', responsibility: 'direct' }],
      });
      const first = await record({
        ...base,
        date: '2025-12-24',
        respondents: [{ staffNo: 'S023', responsibility: 'direct' }],
      });
      const page1 = await t.call('GET', '/api/v1/findings?staffNo=S023&year=2025&limit=1', {
        as: 'investigator',
      });
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((f: { id: string }) => f.id)).toEqual([first.body.id]);
      const page2 = await t.call(
        'GET',
        `/api/v1/findings?staffNo=S023&year=2025&limit=1&cursor=${page1.body.nextCursor}`,
        { as: 'investigator' },
      );
      expect(page2.body.items.map((f: { id: string }) => f.id)).toEqual([last.body.id]);
      expect(page2.body.nextCursor).toBeNull();
      expect(
        (await t.call('GET', '/api/v1/findings?staffNo=S023&year=2026', { as: 'admin' })).body.items,
      ).toEqual([]);
      const closed = await t.call('GET', '/api/v1/findings?status=closed&limit=1000', { as: 'admin' });
      expect(closed.body.items.length).toBeGreaterThan(0);
      expect(closed.body.items.every((f: { status: string }) => f.status === 'closed')).toBe(true);
      const corruption = await t.call('GET', '/api/v1/findings?type=corruption&limit=1000', { as: 'admin' });
      expect(corruption.body.items.every((f: { type: string }) => f.type === 'corruption')).toBe(true);
      expect((await t.call('GET', '/api/v1/findings?cursor=bogus', { as: 'admin' })).status).toBe(400);
    });

    it('answers 404 for an unknown or malformed id', async () => {
      expect(
        (await t.call('GET', '/api/v1/findings/00000000-0000-4000-8000-000000000000', { as: 'admin' }))
          .status,
      ).toBe(404);
      expect((await t.call('GET', '/api/v1/findings/not-a-uuid', { as: 'admin' })).status).toBe(404);
    });

    it('lets discipline and admin write, investigators read, and keeps HR and staff out of the case file', async () => {
      const created = await record(base);
      const path = `/api/v1/findings/${created.body.id}`;
      expect((await t.call('POST', '/api/v1/findings', { as: 'investigator', body: base })).status).toBe(403);
      expect((await t.call('GET', path, { as: 'investigator' })).status).toBe(200);
      for (const role of ['hr', 'staff'] as const) {
        expect((await t.call('GET', path, { as: role })).status).toBe(403);
        expect((await t.call('GET', '/api/v1/findings', { as: role })).status).toBe(403);
        expect((await t.call('POST', '/api/v1/findings', { as: role, body: base })).status).toBe(403);
      }
      expect((await t.call('GET', path)).status).toBe(401);
    });
  });
});
