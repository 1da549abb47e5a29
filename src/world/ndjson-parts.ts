import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { worldRecords } from './generate.ts';
import type { WorldExpected, WorldOptions, WorldRecord } from './types.ts';

export const NDJSON_HEADER = '{"format":"coi-bundle/1"}';

/** The NDJSON line of one record: what `POST /api/v1/import/ndjson` and `npm run import` read. */
export const ndjsonLine = (r: WorldRecord): string => JSON.stringify({ kind: r.kind, record: r.record });

export interface PartsWritten {
  files: string[];
  expectedFile: string;
  records: number;
  expected: WorldExpected;
}

async function closeStream(out: WriteStream): Promise<void> {
  if (out.errored) throw out.errored;
  out.end();
  await once(out, 'finish');
}

/**
 * Writes a world as NDJSON parts of at most `partRecords` records (`part-0001.ndjson`, …, each starting with
 * the header line) and `expected.json`, straight from the generator: memory holds the generator's pools and
 * one write buffer, never the bundle.
 */
export async function writeWorldParts(
  options: WorldOptions,
  dir: string,
  partRecords = 500_000,
): Promise<PartsWritten> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  let out: WriteStream | undefined;
  let inPart = 0;
  let records = 0;
  const generator = worldRecords(options);
  let buffer = '';
  let failure: Error | undefined;
  const drain = async () => {
    if (failure) throw failure;
    if (buffer.length === 0 || !out) return;
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  for (let next = generator.next(); ; next = generator.next()) {
    if (next.done) {
      await drain();
      if (out) await closeStream(out);
      const expectedFile = join(dir, 'expected.json');
      await writeFile(expectedFile, `${JSON.stringify(next.value, null, 1)}\n`);
      return { files, expectedFile, records, expected: next.value };
    }
    if (!out || inPart >= partRecords) {
      await drain();
      if (out) await closeStream(out);
      const file = join(dir, `part-${String(files.length + 1).padStart(4, '0')}.ndjson`);
      files.push(file);
      out = createWriteStream(file, { encoding: 'utf8' });
      out.on('error', (error) => (failure ??= error));
      buffer = `${NDJSON_HEADER}\n`;
      inPart = 0;
    }
    buffer += `${ndjsonLine(next.value)}\n`;
    inPart += 1;
    records += 1;
    if (buffer.length >= 1 << 16) await drain();
  }
}

/** A world as NDJSON text chunks (header first), for tests and in-process benchmarks. */
export function* worldNdjson(options: WorldOptions, chunkRecords = 1000): Generator<string, WorldExpected> {
  const generator = worldRecords(options);
  let chunk = `${NDJSON_HEADER}\n`;
  let n = 0;
  for (let next = generator.next(); ; next = generator.next()) {
    if (next.done) {
      if (chunk) yield chunk;
      return next.value;
    }
    chunk += `${ndjsonLine(next.value)}\n`;
    if (++n % chunkRecords === 0) {
      yield chunk;
      chunk = '';
    }
  }
}
