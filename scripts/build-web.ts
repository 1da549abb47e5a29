// Builds the web console into WEB_DIR's default (dist/web) with Vite. `--if-stale` skips the build when the
// output is newer than every source file (npm start runs it that way, so a restart costs nothing).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = join(ROOT, 'web', 'vite.config.ts');
const INDEX = join(ROOT, 'dist', 'web', 'index.html');
// The console's sources, and the server modules it imports (the vocabulary both show).
const INPUTS = [
  join(ROOT, 'web'),
  join(ROOT, 'package-lock.json'),
  join(ROOT, 'src', 'accountability', 'vocabulary.ts'),
  join(ROOT, 'src', 'graph', 'rule-ids.ts'),
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

function builtAt(): number | null {
  try {
    return statSync(INDEX).mtimeMs;
  } catch {
    return null;
  }
}

/** Builds the console unless `ifStale` and the build is newer than its sources. Returns whether it built. */
export async function buildConsole(options: { ifStale?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  const at = builtAt();
  if (options.ifStale && at !== null && at >= Math.max(...INPUTS.map(newestMtime))) return false;
  await build({ configFile: CONFIG, logLevel: options.quiet ? 'warn' : 'info' });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildConsole({ ifStale: process.argv.includes('--if-stale') });
  if (!built) process.stdout.write('web console is up to date (dist/web)\n');
}
