import { useEffect } from 'react';
import { Button, Center, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { errorMessage } from '../api/errors';
import { retryFailedPages } from './lazyPage';

/** errorElement of the routes: keeps the failure inside the part of the page that broke. */
export function RouteError() {
  const error = useRouteError();
  // A page chunk that failed to load gets a fresh import on the next visit.
  useEffect(() => retryFailedPages(), [error]);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);

  return (
    <Center py={48} px="md" data-testid="error-boundary">
      <Paper withBorder radius="md" p="xl" maw={520} w="100%">
        <Stack gap="sm">
          <Group gap="xs">
            <IconAlertTriangle size={22} color="var(--mantine-color-red-6)" />
            <Title order={3}>{notFound ? 'Page not found' : 'Something went wrong'}</Title>
          </Group>
          <Text size="sm" c="dimmed">
            {notFound
              ? 'The page you asked for does not exist.'
              : 'This part of the page failed to load. Your session is still active.'}
          </Text>
          {!notFound ? <Code block>{message}</Code> : null}
          <Group mt="xs">
            <Button onClick={() => window.location.reload()}>Reload</Button>
            <Button component={Link} to="/" variant="default">
              Go home
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
