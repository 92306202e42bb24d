import type { PGlite } from '@electric-sql/pglite';

/** One turn of the event loop: timers, sockets and HTTP requests waiting behind us run first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs each statement synchronously on this thread and settles its promise as a microtask,
 * so a task awaiting query after query (thousands of cluster or import writes) never lets the event
 * loop reach its sockets: the API stops answering until the task ends. Each statement, inside a
 * transaction too, and each transaction gives the loop a turn before its caller goes on. Inside a
 * transaction the client stays locked for the turn, so requests that need the database still wait
 * for it to end; the others (health checks, static files) are answered meanwhile.
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
  client.transaction = (<T>(callback: Parameters<PGlite['transaction']>[0]) =>
    after(
      transaction((tx) => {
        const txQuery = tx.query.bind(tx);
        const txExec = tx.exec.bind(tx);
        tx.query = ((...args: Parameters<typeof tx.query>) => after(txQuery(...args))) as typeof tx.query;
        tx.exec = ((...args: Parameters<typeof tx.exec>) => after(txExec(...args))) as typeof tx.exec;
        return callback(tx) as Promise<T>;
      }),
    )) as PGlite['transaction'];
  return client;
}
