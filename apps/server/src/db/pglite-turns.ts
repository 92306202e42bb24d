import type { PGlite } from '@electric-sql/pglite';

/** One turn of the event loop: timers, sockets and HTTP requests waiting behind us run first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs each statement synchronously on this thread and settles its promise as a microtask,
 * so a task awaiting query after query (thousands of cluster or import writes) never lets the event
 * loop reach its sockets: the API stops answering until the task ends. Each statement and each
 * transaction on the outer client gives the loop a turn before its caller goes on. Inside a
 * transaction no turn is given: the client is locked until it ends, so a turn would only hold it longer.
 */
export function takeTurns(client: PGlite): PGlite {
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  const after = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      await nextTurn();
    }
  };
  client.query = ((...args: Parameters<PGlite['query']>) => after(query(...args))) as PGlite['query'];
  client.exec = ((...args: Parameters<PGlite['exec']>) => after(exec(...args))) as PGlite['exec'];
  client.transaction = ((...args: Parameters<PGlite['transaction']>) =>
    after(transaction(...args))) as PGlite['transaction'];
  return client;
}
