import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { BUNDLE_KINDS, type Bundle } from '../bundle/schema.ts';

/** The expected-flags file that goes with a bundle file: world.json → world.expected.json. */
export function expectedPathFor(bundlePath: string): string {
  return bundlePath.endsWith('.json')
    ? `${bundlePath.slice(0, -'.json'.length)}.expected.json`
    : `${bundlePath}.expected.json`;
}

/**
 * Writes a bundle as JSON one record per line, with backpressure, so a large world never becomes one
 * giant string (V8 caps a string at about 512 MB).
 */
export async function writeBundleFile(path: string, bundle: Bundle): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const failed = once(out, 'error').then(([error]) => Promise.reject(error));
  failed.catch(() => {});
  await Promise.race([
    (async () => {
      await write(`{"format":${JSON.stringify(bundle.format)}`);
      for (const kind of BUNDLE_KINDS) {
        const records = bundle[kind];
        if (!records) continue;
        await write(`,\n${JSON.stringify(kind)}:[`);
        for (let i = 0; i < records.length; i++)
          await write(`${i === 0 ? '\n' : ',\n'}${JSON.stringify(records[i])}`);
        await write(']');
      }
      await write('\n}\n');
      out.end();
      await once(out, 'finish');
    })(),
    failed,
  ]);
}
