import { useEffect, useState, type ReactNode } from 'react';
import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { FullPageLoader } from '../components/FullPageLoader';
import { bootSession, giveUpBoot } from './session';
import { useAuth } from './store';

/**
 * Renders nothing that could make a tenant request until the session is known: one refresh
 * call restores it from the httpOnly cookie, or the visitor is anonymous.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const status = useAuth((s) => s.status);
  const [unreachable, setUnreachable] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void bootSession().then((outcome) => {
      if (!cancelled) setUnreachable(outcome === 'unavailable');
    });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  if (status !== 'booting') return children;
  if (!unreachable) return <FullPageLoader label="Loading igny8…" />;
  return (
    <Center h="100vh" p="md">
      <Paper withBorder p="xl" radius="md" maw={420} data-testid="boot-unreachable">
        <Stack align="center" gap="sm">
          <IconPlugConnectedX size={36} stroke={1.5} />
          <Title order={3}>Cannot reach the server</Title>
          <Text c="dimmed" ta="center" size="sm">
            Your session could not be restored because the server did not answer.
          </Text>
          <Group>
            <Button
              onClick={() => {
                setUnreachable(false);
                setAttempt((n) => n + 1);
              }}
            >
              Try again
            </Button>
            <Button variant="default" onClick={giveUpBoot}>
              Go to sign in
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
