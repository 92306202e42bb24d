import { useCallback } from 'react';
import { Badge, Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useSectorNames } from '../../../api/queries/sectors';
import { useSite } from '../../sites/context';

/** The URL parameter every planner and writer list keeps its sector filter in (`?sector=<id>`). */
export const SECTOR_PARAM = 'sector';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The list's sector filter, from the URL: a sector of the site, or null for all sectors. A sector that is
 * not the site's (a link from another site, a deleted sector) reads as all sectors.
 */
export function useSectorParam(): [string | null, (sectorId: string | null) => void] {
  const { accountId, siteId } = useSite();
  const { names } = useSectorNames(accountId, siteId);
  const [params, setParams] = useSearchParams();
  const raw = params.get(SECTOR_PARAM) ?? '';
  const sectorId = UUID.test(raw) && (names.size === 0 || names.has(raw)) ? raw : null;
  const set = useCallback(
    (id: string | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (id) next.set(SECTOR_PARAM, id);
          else next.delete(SECTOR_PARAM);
          // Another sector is another list: back to its first page.
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [sectorId, set];
}

/** "All sectors" or one sector of the site; shown only when the site has more than one. */
export function SectorSelect() {
  const { accountId, siteId } = useSite();
  const { sectors, many } = useSectorNames(accountId, siteId);
  const [sectorId, setSectorId] = useSectorParam();
  if (!many) return null;
  return (
    <Select
      size="sm"
      w={180}
      aria-label="Sector"
      placeholder="All sectors"
      data={sectors.map((s) => ({ value: s.id, label: s.name }))}
      value={sectorId}
      clearable
      onChange={(id) => setSectorId(id)}
      data-testid="sector-filter"
    />
  );
}

/** A row's sector, as a small badge (only when the site has more than one sector). */
export function SectorBadge({ sectorId }: { sectorId: string }) {
  const { accountId, siteId } = useSite();
  const { names, many } = useSectorNames(accountId, siteId);
  if (!many) return null;
  return (
    <Badge size="xs" variant="outline" color="gray" data-testid="sector-badge">
      {names.get(sectorId) ?? 'Sector'}
    </Badge>
  );
}
