import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCategory, IconInfoCircle, IconPencil, IconTrash } from '@tabler/icons-react';
import { MAX_SECTORS_PER_SITE, roleAtLeast, type Sector } from '@igny8/contracts';
import { useCreateSector, useDeleteSector, useRenameSector, useSectors } from '../../api/queries/sectors';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSite } from './context';

const held = (s: Sector) =>
  s.counts.keywords + s.counts.clusters + s.counts.ideas + s.counts.writerTasks + s.counts.contents;

/** A site's sectors (Site → Sector → Keywords/Clusters/Ideas/Content): every member sees them, admins manage them. */
export function SectorsPage() {
  const { accountId, siteId, site, membership } = useSite();
  const canManage = roleAtLeast(membership.role, 'admin');
  const sectors = useSectors(accountId, siteId);
  const create = useCreateSector(accountId, siteId);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<Sector | null>(null);
  const [deleting, setDeleting] = useState<Sector | null>(null);
  const items = sectors.data?.items ?? [];
  const full = items.length >= MAX_SECTORS_PER_SITE;

  const add = () => {
    const n = name.trim();
    if (n) create.mutate(n, { onSuccess: () => setName('') });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Sectors"
        description={`${site.name} has ${items.length} of at most ${MAX_SECTORS_PER_SITE} sectors. Keywords, clusters, ideas, writer tasks and articles each belong to one; every list filters by sector, and auto-clustering never mixes sectors. Automation runs over every sector of the site.`}
      />
      {sectors.isError ? <QueryError error={sectors.error} onRetry={() => void sectors.refetch()} /> : null}
      {!canManage ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} data-testid="sectors-read-only">
          Admins and owners add, rename and delete sectors.
        </Alert>
      ) : null}
      <Table withTableBorder verticalSpacing="sm" data-testid="sectors-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Sector</Table.Th>
            <Table.Th ta="right">Keywords</Table.Th>
            <Table.Th ta="right">Clusters</Table.Th>
            <Table.Th ta="right">Ideas</Table.Th>
            <Table.Th ta="right">Writer tasks</Table.Th>
            <Table.Th ta="right">Articles</Table.Th>
            {canManage ? <Table.Th w={90} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id} data-testid={`sector-row-${s.name}`}>
              <Table.Td>
                <Group gap={6}>
                  <IconCategory size={16} />
                  <Text size="sm" fw={500}>
                    {s.name}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td ta="right">{s.counts.keywords.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{s.counts.clusters.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{s.counts.ideas.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{s.counts.writerTasks.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{s.counts.contents.toLocaleString()}</Table.Td>
              {canManage ? (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Tooltip label="Rename">
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Rename ${s.name}`}
                        onClick={() => setRenaming(s)}
                        data-testid={`sector-rename-${s.name}`}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={items.length <= 1 ? 'A site keeps at least one sector' : 'Delete'}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Delete ${s.name}`}
                        disabled={items.length <= 1}
                        onClick={() => setDeleting(s)}
                        data-testid={`sector-delete-${s.name}`}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canManage ? (
        <Group align="flex-end">
          <TextInput
            label="New sector"
            placeholder={full ? `A site has at most ${MAX_SECTORS_PER_SITE} sectors` : 'e.g. Espresso gear'}
            value={name}
            maxLength={80}
            disabled={full}
            onChange={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => (e.key === 'Enter' ? add() : undefined)}
            data-testid="sector-name"
          />
          <Button onClick={add} disabled={full || !name.trim()} loading={create.isPending} data-testid="sector-add">
            Add sector
          </Button>
        </Group>
      ) : null}
      {renaming ? <RenameSectorModal sector={renaming} onClose={() => setRenaming(null)} /> : null}
      {deleting ? (
        <DeleteSectorModal
          sector={deleting}
          others={items.filter((s) => s.id !== deleting.id)}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </Stack>
  );
}

function RenameSectorModal({ sector, onClose }: { sector: Sector; onClose: () => void }) {
  const { accountId, siteId } = useSite();
  const rename = useRenameSector(accountId, siteId);
  const [name, setName] = useState(sector.name);
  const save = () => rename.mutate({ sectorId: sector.id, name: name.trim() }, { onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={`Rename “${sector.name}”`} centered>
      <Stack>
        <TextInput
          label="Name"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
          data-testid="sector-rename-input"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={save}
            disabled={!name.trim() || name.trim() === sector.name}
            loading={rename.isPending}
            data-testid="sector-rename-save"
          >
            Rename
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Deleting a sector that holds anything moves it all to another sector first (the API refuses otherwise). */
function DeleteSectorModal({ sector, others, onClose }: { sector: Sector; others: Sector[]; onClose: () => void }) {
  const { accountId, siteId } = useSite();
  const remove = useDeleteSector(accountId, siteId);
  const holds = held(sector) > 0;
  const [moveTo, setMoveTo] = useState<string | null>(others[0]?.id ?? null);
  const c = sector.counts;
  return (
    <Modal opened onClose={onClose} title={`Delete “${sector.name}”`} centered>
      <Stack>
        {holds ? (
          <>
            <Text size="sm">
              {`It holds ${c.keywords} keywords, ${c.clusters} clusters, ${c.ideas} ideas, ${c.writerTasks} writer tasks and ${c.contents} articles. They move to the sector you choose; nothing is deleted but the sector.`}
            </Text>
            <Select
              label="Move them to"
              data={others.map((s) => ({ value: s.id, label: s.name }))}
              value={moveTo}
              allowDeselect={false}
              onChange={setMoveTo}
              data-testid="sector-move-to"
            />
          </>
        ) : (
          <Text size="sm">The sector is empty.</Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={holds && !moveTo}
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(
                { sectorId: sector.id, moveTo: holds ? (moveTo ?? undefined) : undefined },
                { onSuccess: onClose },
              )
            }
            data-testid="sector-delete-confirm"
          >
            {holds ? 'Move and delete' : 'Delete'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
