export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

// An 18-character resident ID anywhere in a message is masked before it reaches a log line.
const ID_NUMBER = /\b(\d{4})\d{10}(\d{3}[\dX])\b/g;

export function maskIdNumbersIn(text: string): string {
  return text.replace(ID_NUMBER, '$1**********$2');
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** JSON lines on stderr; stdout stays free for command output (tokens, tables). */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const log =
    (at: LogLevel) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[at] < ORDER[level]) return;
      write(
        `${maskIdNumbersIn(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields }))}\n`,
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = createLogger('silent');
