import { Suspense } from 'react';
import { Box, Center, Stack, Text } from '@mantine/core';
import { Outlet } from 'react-router';
import { SectionLoader } from '../../components/FullPageLoader';
import classes from './layout.module.css';

/** Sign-in, sign-up, first-run setup and invitations: one centered card. */
export function PublicLayout() {
  return (
    <Center mih="100vh" p="md" className={classes.main}>
      <Stack w="100%" maw={440} gap="lg">
        <Box ta="center">
          <Text className={classes.brand} fz={32}>
            igny8
          </Text>
          <Text size="sm" c="dimmed">
            From keywords to ready-to-publish articles
          </Text>
        </Box>
        <Suspense fallback={<SectionLoader />}>
          <Outlet />
        </Suspense>
      </Stack>
    </Center>
  );
}
