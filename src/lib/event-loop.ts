/**
 * Resolves on the next turn of the event loop, after pending I/O callbacks: a long synchronous job that
 * awaits it now and then lets sockets be read meanwhile (a query's answer, a stream's next chunk).
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
