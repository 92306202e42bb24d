import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * Pages load on demand; the Suspense boundaries are in the layouts, inside the router tree.
 *
 * React.lazy remembers a failed import forever, so a chunk that failed once (flaky network, a
 * deploy) would break its page until a full reload. A failed page is swapped for a fresh lazy
 * only once the error boundary is showing (`retryFailedPages`): swapping it earlier would make
 * React retry the render straight into a new import, over and over, instead of showing the error.
 */
const failed = new Set<() => void>();

export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const fresh = (): LazyExoticComponent<ComponentType> =>
    lazy(async () => {
      try {
        return { default: (await load())[name] };
      } catch (err) {
        failed.add(reset);
        throw err;
      }
    });
  const reset = () => {
    current = fresh();
  };
  let current = fresh();

  return function LazyPage() {
    const Page = current;
    return <Page />;
  };
}

/** Called by the route error boundary: the next visit to a page whose chunk failed imports it again. */
export function retryFailedPages(): void {
  for (const reset of failed) reset();
  failed.clear();
}
