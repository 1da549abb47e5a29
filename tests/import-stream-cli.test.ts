import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorldParts, type PartsWritten } from '../src/world/ndjson-parts.ts';

// `npm run import -- DIR` as an operator runs it: the configured database opened directly (here PGlite in a
// fresh DATA_DIR), progress on stderr, every problem printed and nothing written on a bad part.

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['scripts/import.ts', ...args], {
      env: { ...process.env, AUTO_SCREEN: 'off', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe.skipIf(!!process.env.TEST_DATABASE_URL)('npm run import on NDJSON parts', () => {
  let dir: string;
  let parts: PartsWritten;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qinglian-import-cli-'));
    parts = await writeWorldParts({ staff: 60, seed: 'cli', asOf: '2026-06-30' }, join(dir, 'world'), 800);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a world with a bad record in its last part, printing the line, and writes nothing', async () => {
    const last = parts.files.at(-1)!;
    const lines = (await readFile(last, 'utf8')).trimEnd().split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"kind":"people"'));
    const bad = JSON.parse(lines[at]!);
    bad.record.idNumber = '110101199003071234'; // a wrong check character
    const broken = join(dir, 'broken');
    const copies = parts.files.map((f) => join(broken, f.split('/').at(-1)!));
    await mkdir(broken);
    for (const [i, f] of parts.files.entries()) {
      const text =
        f === last
          ? `${[...lines.slice(0, at), JSON.stringify(bad), ...lines.slice(at + 1)].join('\n')}\n`
          : await readFile(f, 'utf8');
      await writeFile(copies[i]!, text);
    }
    const dataDir = join(dir, 'data-bad');
    const refused = await run([broken], { DATA_DIR: dataDir });
    expect(refused.code, refused.err).toBe(1);
    expect(refused.err).toContain('nothing was written');
    expect(refused.err).toMatch(
      new RegExp(`/people/\\d+/idNumber +line ${at + 1} of ${last.split('/').at(-1)}`),
    );
    const after = await run([join(dir, 'world')], { DATA_DIR: dataDir });
    expect(after.code, after.err).toBe(0);
    expect(after.out).toContain(`imported ${parts.records.toLocaleString('en-US')} records`);
    expect(after.out).toContain(`${parts.records} created, 0 updated`);
    expect(after.err).toContain('import: 100.0%');
  }, 240_000);
});
