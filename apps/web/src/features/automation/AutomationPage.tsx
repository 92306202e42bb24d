import { useState } from 'react';
import { Button, Drawer, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { roleAtLeast } from '@igny8/contracts';
import {
  useAutomationConfig,
  useAutomationOverview,
  useAutomationRun,
  useAutomationRuns,
  useStartAutomationRun,
} from '../../api/queries/automation';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSite } from '../sites/context';
import { ConfigForm } from './ConfigForm';
import { PipelineOverview } from './PipelineOverview';
import { RunHistory } from './RunHistory';
import { RunView } from './RunView';

const PAGE = 10;

/** A site's automation: what waits at each stage, the active run, the settings, and past runs with their logs. */
export function AutomationPage() {
  const { accountId, siteId, site, membership } = useSite();
  const canRun = roleAtLeast(membership.role, 'editor');
  const canConfigure = roleAtLeast(membership.role, 'admin');
  const [params, setParams] = useSearchParams();
  const openRunId = params.get('run');
  const [offset, setOffset] = useState(0);

  const config = useAutomationConfig(accountId, siteId);
  const overview = useAutomationOverview(accountId, siteId);
  const runs = useAutomationRuns(accountId, siteId, offset, PAGE);
  const activeId = overview.data?.activeRun?.id ?? null;
  const active = useAutomationRun(accountId, siteId, activeId);
  const opened = useAutomationRun(accountId, siteId, openRunId);
  const start = useStartAutomationRun(accountId, siteId);
  const setOpen = (runId: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (runId) next.set('run', runId);
      else next.delete('run');
      return next;
    });

  return (
    <Stack gap={0}>
      <PageHeader
        title="Automation"
        description={`${site.name}'s pipeline, stage after stage, without a click per step.`}
        actions={
          canRun ? (
            <Button
              leftSection={<IconPlayerPlay size={16} />}
              onClick={() => start.mutate()}
              loading={start.isPending}
              disabled={!!activeId}
              data-testid="automation-run-now"
            >
              {activeId ? 'A run is active' : 'Run now'}
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        {overview.isError ? <QueryError error={overview.error} /> : null}
        <PipelineOverview overview={overview.data} current={overview.data?.activeRun?.stage ?? null} />
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="lg">
              <Paper withBorder radius="md" p="md">
                <Title order={4} mb="sm">
                  Current run
                </Title>
                {active.data ? (
                  <RunView accountId={accountId} siteId={siteId} run={active.data} canRun={canRun} />
                ) : (
                  <Text size="sm" c="dimmed" data-testid="automation-no-active-run">
                    No run is active.
                  </Text>
                )}
              </Paper>
              <Paper withBorder radius="md" p="md">
                <Title order={4} mb="sm">
                  History
                </Title>
                {runs.isError ? <QueryError error={runs.error} /> : null}
                {runs.data ? (
                  <RunHistory
                    runs={runs.data.items}
                    total={runs.data.total}
                    offset={offset}
                    pageSize={PAGE}
                    onPage={setOffset}
                    onOpen={setOpen}
                  />
                ) : null}
              </Paper>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder radius="md" p="md">
              <Title order={4} mb="sm">
                Settings
              </Title>
              {config.isError ? <QueryError error={config.error} /> : null}
              {config.data ? (
                <ConfigForm
                  key={config.data.updatedAt ?? 'default'}
                  accountId={accountId}
                  siteId={siteId}
                  config={config.data}
                  canConfigure={canConfigure}
                />
              ) : null}
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
      <Drawer
        opened={openRunId !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="xl"
        title="Automation run"
      >
        {opened.isError ? <QueryError error={opened.error} /> : null}
        {opened.data ? <RunView accountId={accountId} siteId={siteId} run={opened.data} canRun={canRun} /> : null}
      </Drawer>
    </Stack>
  );
}
