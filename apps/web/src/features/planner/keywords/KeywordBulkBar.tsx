import { useState, type ReactNode } from 'react';
import { Button, Menu, Popover, Stack } from '@mantine/core';
import {
  IconCategory,
  IconChevronDown,
  IconFolderSymlink,
  IconSparkles,
  IconTrash,
  IconWorldSearch,
} from '@tabler/icons-react';
import { intents, type KeywordBulkBody, plural } from '@igny8/contracts';
import { ClusterSelect } from '../clusters/ClusterSelect';
import { useIntegrations } from '../../../api/queries/integrations';
import { useKeywordBulk } from '../../../api/queries/keywords';
import { useSectorNames } from '../../../api/queries/sectors';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { notifySuccess } from '../../../lib/notify';
import { useSite } from '../../sites/context';
import { SelectionBar } from '../../../components/table/SelectionBar';
import type { Selection } from '../../../components/table/useSelection';
import { AutoClusterModal } from './AutoClusterModal';
import { FetchSerpsModal } from './FetchSerpsModal';
import { intentLabel } from './labels';

function MoveToCluster(props: { busy: boolean; onMove: (clusterId: string | null) => void }) {
  const [opened, setOpened] = useState(false);
  const [target, setTarget] = useState<string | null>(null);
  return (
    <Popover opened={opened} onChange={setOpened} width={280} position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFolderSymlink size={14} />}
          onClick={() => setOpened((o) => !o)}
          data-testid="keywords-bulk-move"
        >
          Move to cluster
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <ClusterSelect
            size="xs"
            label="Cluster"
            placeholder="Choose a cluster"
            extra={[{ value: '__none__', label: '— No cluster (unclustered)' }]}
            value={target}
            onChange={setTarget}
            comboboxProps={{ withinPortal: false }}
            data-testid="keywords-bulk-move-target"
          />
          <Button
            size="xs"
            disabled={!target}
            loading={props.busy}
            onClick={() => {
              props.onMove(target === '__none__' ? null : target);
              setOpened(false);
            }}
            data-testid="keywords-bulk-move-submit"
          >
            Move
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A bulk action that opens a menu of choices. */
function BulkMenu(props: { label: string; testId: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={props.icon}
          rightSection={<IconChevronDown size={14} />}
          data-testid={props.testId}
        >
          {props.label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{props.children}</Menu.Dropdown>
    </Menu>
  );
}

export function KeywordBulkBar(props: { selection: Selection; matching?: ReactNode }) {
  const { accountId, siteId } = useSite();
  const { selection } = props;
  const bulk = useKeywordBulk(accountId, siteId);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [clusterOpen, setClusterOpen] = useState(false);
  // The platform's SERP provider, when it has one: top results per keyword, for SERP-overlap clustering.
  const serpProvider = useIntegrations({ scope: 'account', accountId }).data?.serpProvider ?? null;
  const [serpsOpen, setSerpsOpen] = useState(false);
  const { sectors, many } = useSectorNames(accountId, siteId);
  const ids = selection.selected;

  const run = (body: KeywordBulkBody, done: string, clear = false) =>
    bulk.mutate(body, {
      onSuccess: (r) => {
        notifySuccess(`${plural(r.affected, 'keyword')} ${done}.`);
        if (clear) selection.clear();
      },
    });

  return (
    <>
      <SelectionBar count={selection.count} noun="keyword" onClear={selection.clear} matching={props.matching}>
        <Button
          size="xs"
          leftSection={<IconSparkles size={14} />}
          data-testid="keywords-bulk-autocluster"
          onClick={() => setClusterOpen(true)}
        >
          Auto-cluster selected
        </Button>
        {serpProvider ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconWorldSearch size={14} />}
            disabled={ids.length > 1000}
            title={ids.length > 1000 ? 'At most 1,000 keywords at once' : undefined}
            data-testid="keywords-bulk-serps"
            onClick={() => setSerpsOpen(true)}
          >
            Fetch search results
          </Button>
        ) : null}
        <BulkMenu label="Set intent" testId="keywords-bulk-intent">
          {intents.map((i) => (
            <Menu.Item
              key={i}
              onClick={() =>
                run({ action: 'setIntent', keywordIds: ids, intent: i }, `set to ${intentLabel[i].toLowerCase()}`)
              }
            >
              {intentLabel[i]}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => run({ action: 'setIntent', keywordIds: ids, intent: null }, 'cleared')}>
            No intent
          </Menu.Item>
        </BulkMenu>
        {many ? (
          <BulkMenu label="Move to sector" testId="keywords-bulk-sector" icon={<IconCategory size={14} />}>
            <Menu.Label>They leave clusters of their old sector</Menu.Label>
            {sectors.map((sector) => (
              <Menu.Item
                key={sector.id}
                data-testid={`keywords-bulk-sector-${sector.id}`}
                onClick={() =>
                  run({ action: 'moveToSector', keywordIds: ids, sectorId: sector.id }, `moved to ${sector.name}`, true)
                }
              >
                {sector.name}
              </Menu.Item>
            ))}
          </BulkMenu>
        ) : null}
        <MoveToCluster
          busy={bulk.isPending}
          onMove={(clusterId) =>
            run({ action: 'moveToCluster', keywordIds: ids, clusterId }, clusterId ? 'moved' : 'made unclustered')
          }
        />
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={() => setConfirmDelete(true)}
          data-testid="keywords-bulk-delete"
        >
          Delete
        </Button>
      </SelectionBar>
      <ConfirmDialog
        opened={confirmDelete}
        title="Delete keywords"
        message={`Delete ${plural(ids.length, 'selected keyword')}? This cannot be undone.`}
        confirmLabel="Delete"
        danger
        loading={bulk.isPending}
        onConfirm={() =>
          bulk.mutate(
            { action: 'delete', keywordIds: ids },
            {
              onSuccess: (r) => {
                notifySuccess(`${plural(r.affected, 'keyword')} deleted.`);
                selection.clear();
              },
              onSettled: () => setConfirmDelete(false),
            },
          )
        }
        onClose={() => setConfirmDelete(false)}
      />
      <AutoClusterModal
        opened={clusterOpen}
        onClose={() => setClusterOpen(false)}
        target={{ keywordIds: ids }}
        scope={`the ${ids.length === 1 ? 'selected keyword' : `${ids.length.toLocaleString('en')} selected keywords`}`}
        onStarted={selection.clear}
      />
      {serpProvider ? (
        <FetchSerpsModal
          opened={serpsOpen}
          onClose={() => setSerpsOpen(false)}
          keywordIds={ids}
          provider={serpProvider}
        />
      ) : null}
    </>
  );
}
