import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle, IconPlus, IconWorld } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { Site } from '@igny8/contracts';
import { useSites, useUpdateSite } from '../../api/queries/sites';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { LoadingRows } from '../../components/table/LoadingRows';
import { notifySuccess } from '../../lib/notify';
import { useCurrentAccount } from '../account/context';
import { canEditSites } from './context';
import { languageLabel } from './languages';
import { siteHomePath } from './sitePaths';
import { SiteFormModal } from './SiteFormModal';

function SiteRow(props: {
  site: Site;
  accountId: string;
  canEdit: boolean;
  busy: boolean;
  onEdit: () => void;
  onToggleArchive: () => void;
}) {
  const { site: s } = props;
  return (
    <Table.Tr data-testid={`site-row-${s.id}`} style={{ opacity: s.archived ? 0.65 : 1 }}>
      <Table.Td>
        <Anchor
          component={Link}
          to={siteHomePath(props.accountId, s.id)}
          fw={500}
          size="sm"
          data-testid={`site-open-${s.id}`}
        >
          {s.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Anchor href={s.url} target="_blank" rel="noreferrer" size="sm" c="dimmed">
          {s.url.replace(/^https?:\/\//, '')}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{languageLabel(s.language)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={s.niche ? undefined : 'dimmed'} truncate="end">
          {s.niche ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="dot" color={s.archived ? 'gray' : 'teal'} data-testid={`site-status-${s.id}`}>
          {s.archived ? 'Archived' : 'Active'}
        </Badge>
      </Table.Td>
      {props.canEdit ? (
        <Table.Td>
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <Button size="xs" variant="default" onClick={props.onEdit} data-testid={`site-edit-${s.id}`}>
              Edit
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              loading={props.busy}
              onClick={props.onToggleArchive}
              data-testid={`site-archive-${s.id}`}
            >
              {s.archived ? 'Unarchive' : 'Archive'}
            </Button>
          </Group>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

export function SitesPage() {
  const { accountId, membership } = useCurrentAccount();
  const canEdit = canEditSites(membership);
  const sites = useSites(accountId);
  const update = useUpdateSite(accountId);
  const navigate = useNavigate();
  const [editing, setEditing] = useState<Site | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const items = sites.data?.items ?? [];

  const openForm = (site: Site | null) => {
    setEditing(site);
    setFormOpen(true);
  };
  const toggleArchive = (s: Site) =>
    update.mutate(
      { siteId: s.id, archived: !s.archived },
      { onSuccess: (u) => notifySuccess(`${u.name} was ${u.archived ? 'archived' : 'unarchived'}.`) },
    );
  const createButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)} data-testid="site-create-open">
      New site
    </Button>
  );

  return (
    <Stack gap={0}>
      <PageHeader
        title="Sites"
        description={`Each site has its own keywords, clusters, ideas and content in ${membership.accountName}.`}
        actions={canEdit ? createButton : null}
      />
      {!canEdit ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} mb="md" data-testid="sites-read-only">
          You can open every site. Only editors, admins and owners can create or change sites.
        </Alert>
      ) : null}
      {sites.isError ? <QueryError error={sites.error} onRetry={() => void sites.refetch()} /> : null}
      {!sites.isError ? (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="sites-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>URL</Table.Th>
                  <Table.Th w={150}>Language</Table.Th>
                  <Table.Th>Niche</Table.Th>
                  <Table.Th w={140}>Status</Table.Th>
                  {canEdit ? <Table.Th w={190} /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sites.isPending ? (
                  <LoadingRows colSpan={canEdit ? 6 : 5} rows={3} />
                ) : (
                  items.map((s) => (
                    <SiteRow
                      key={s.id}
                      site={s}
                      accountId={accountId}
                      canEdit={canEdit}
                      busy={update.isPending && update.variables?.siteId === s.id}
                      onEdit={() => openForm(s)}
                      onToggleArchive={() => toggleArchive(s)}
                    />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {sites.isSuccess && items.length === 0 ? (
            <EmptyState
              icon={IconWorld}
              title="No sites yet"
              description={
                canEdit
                  ? 'Create a site for the website you write for, then import its keywords.'
                  : 'Nobody has created a site in this account yet.'
              }
              action={canEdit ? createButton : undefined}
            />
          ) : null}
        </Paper>
      ) : null}
      {canEdit ? (
        <SiteFormModal
          accountId={accountId}
          site={editing}
          opened={formOpen}
          onClose={() => setFormOpen(false)}
          onCreated={(s) => navigate(siteHomePath(accountId, s.id))}
        />
      ) : null}
    </Stack>
  );
}
