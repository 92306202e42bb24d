import { useMutation, useQuery } from '@tanstack/react-query';
import { listOf, sectorSchema, type Sector } from '@igny8/contracts';
import { api } from '../client';
import { siteKeys, sitePath, useInvalidateSite } from './sites';

const sectorListSchema = listOf(sectorSchema);

export function sectorsPath(accountId: string, siteId: string, sectorId?: string): string {
  const base = `${sitePath(accountId, siteId)}/sectors`;
  return sectorId ? `${base}/${encodeURIComponent(sectorId)}` : base;
}

/** The site's sectors, oldest first (the first takes keywords when none is named). */
export function useSectors(accountId: string, siteId: string) {
  return useQuery({
    queryKey: [...siteKeys.one(accountId, siteId), 'sectors'],
    queryFn: ({ signal }) => api(sectorsPath(accountId, siteId), { schema: sectorListSchema, signal }),
  });
}

/** Sector names by id, for badges and columns. */
export function useSectorNames(
  accountId: string,
  siteId: string,
): { names: Map<string, string>; many: boolean; sectors: Sector[] } {
  const sectors = useSectors(accountId, siteId).data?.items ?? [];
  return { names: new Map(sectors.map((s) => [s.id, s.name])), many: sectors.length > 1, sectors };
}

// A sector change moves rows between sectors: the whole site's data is refreshed.
export function useCreateSector(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: (name: string) =>
      api(sectorsPath(accountId, siteId), { method: 'POST', body: { name }, schema: sectorSchema }),
    meta: { errorTitle: 'Could not add the sector' },
    onSuccess: invalidate,
  });
}

export function useRenameSector(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: ({ sectorId, name }: { sectorId: string; name: string }) =>
      api(sectorsPath(accountId, siteId, sectorId), { method: 'PATCH', body: { name }, schema: sectorSchema }),
    meta: { errorTitle: 'Could not rename the sector' },
    onSuccess: invalidate,
  });
}

/** Deletes a sector; `moveTo` names the sector that takes its keywords, clusters, ideas, writer tasks and content. */
export function useDeleteSector(accountId: string, siteId: string) {
  const invalidate = useInvalidateSite(accountId, siteId);
  return useMutation({
    mutationFn: ({ sectorId, moveTo }: { sectorId: string; moveTo?: string }) =>
      api<void>(`${sectorsPath(accountId, siteId, sectorId)}${moveTo ? `?moveTo=${encodeURIComponent(moveTo)}` : ''}`, {
        method: 'DELETE',
      }),
    meta: { errorTitle: 'Could not delete the sector' },
    onSuccess: invalidate,
  });
}
