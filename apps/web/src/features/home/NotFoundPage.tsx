import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Center py={80} px="md" data-testid="not-found">
      <Stack align="center" gap="xs">
        <Text fw={700} fz={48} c="dimmed" lh={1}>
          404
        </Text>
        <Title order={3}>Page not found</Title>
        <Text c="dimmed" size="sm" ta="center">
          This page does not exist, or you do not have access to it.
        </Text>
        <Button component={Link} to="/" variant="light" mt="sm">
          Go home
        </Button>
      </Stack>
    </Center>
  );
}
