import { Center, Loader, Stack, Text } from '@mantine/core';

export function FullPageLoader({ label }: { label?: string }) {
  return (
    <Center h="100vh" data-testid="page-loader">
      <Stack align="center" gap="sm">
        <Loader size="md" />
        {label ? (
          <Text size="sm" c="dimmed">
            {label}
          </Text>
        ) : null}
      </Stack>
    </Center>
  );
}

export function SectionLoader() {
  return (
    <Center py="xl" data-testid="section-loader">
      <Loader size="sm" />
    </Center>
  );
}
