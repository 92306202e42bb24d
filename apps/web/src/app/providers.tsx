import type { ReactNode } from 'react';
import { Checkbox, MantineProvider, createTheme } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './queryClient';
import { NoticesProvider } from './notices';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  // Square boxes: with the default radius a small checkbox reads as a radio button.
  components: { Checkbox: Checkbox.extend({ defaultProps: { radius: 'xs' } }) },
});

/** Everything the router tree relies on; the router itself is rendered inside. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <NoticesProvider>{children}</NoticesProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}
