import { Suspense, useState } from 'react';
import { AppShell, Burger, Box, Group, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from 'react-router';
import { SectionLoader } from '../../components/FullPageLoader';
import { roleAtLeast } from '@igny8/contracts';
import { TaskDock } from '../../features/tasks/TaskDock';
import { TaskTray } from '../../features/tasks/TaskTray';
import { isUsable } from '../../lib/lastAccount';
import { AccountSwitcher } from './AccountSwitcher';
import { NoticeHost } from '../notices';
import { SideNav } from './SideNav';
import { UserMenu } from './UserMenu';
import classes from './layout.module.css';
import { useLayoutAccount } from './useLayoutAccount';

/** The signed-in shell. Pages load lazily inside it, so the shell stays while they load. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const account = useLayoutAccount();
  const [trayOpened, setTrayOpened] = useState(false);
  const withTasks = account && isUsable(account) ? account : null;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              data-testid="nav-burger"
            />
            <Link to="/" className={classes.brand}>
              igny8
            </Link>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {withTasks ? (
              <TaskTray key={withTasks.accountId} account={withTasks} opened={trayOpened} setOpened={setTrayOpened} />
            ) : null}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <Box mb="md">
          <AccountSwitcher current={account} />
        </Box>
        {/* The links scroll when they are taller than the window (a short laptop screen, a phone). */}
        <AppShell.Section grow component={ScrollArea} type="auto" offsetScrollbars>
          <SideNav account={account} onNavigate={close} />
        </AppShell.Section>
        {/* The dock's own space: the links above scroll, the dock never floats over the page. */}
        {withTasks && !trayOpened ? (
          <AppShell.Section>
            <TaskDock accountId={withTasks.accountId} canCancel={roleAtLeast(withTasks.role, 'editor')} />
          </AppShell.Section>
        ) : null}
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <Box maw={1200} mx="auto">
          <NoticeHost />
          <Suspense fallback={<SectionLoader />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
