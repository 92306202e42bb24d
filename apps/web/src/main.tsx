import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { blockedRequestCount } from './api/client';
import { Providers } from './app/providers';
import { createAppRouter } from './app/router';

declare global {
  interface Window {
    /** Read by browser tests: how many tokenless tenant requests the client blocked (must stay 0). */
    __igny8?: { blockedRequestCount: () => number };
  }
}
window.__igny8 = { blockedRequestCount };

const router = createAppRouter();
const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
