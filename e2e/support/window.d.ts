export {};

declare global {
  interface Window {
    /** Set by apps/web/src/main.tsx for browser tests. */
    __igny8?: { blockedRequestCount: () => number };
  }
}
