/** Where the server mounts the console. */
export const CONSOLE_BASE = '/app';

/**
 * A link from inside one desk to another. Inside a desk's nested router a plain href is relative to the
 * desk, and wouter's `~` escapes every base, the console's `/app` included, so it is put back here.
 */
export const deskHref = (path: string) => `~${CONSOLE_BASE}${path}`;
