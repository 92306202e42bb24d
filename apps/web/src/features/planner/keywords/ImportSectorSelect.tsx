import { useState } from 'react';
import { Select } from '@mantine/core';
import { useSectorNames } from '../../../api/queries/sectors';
import { useSite } from '../../sites/context';
import { useSectorParam } from '../components/SectorSelect';

/**
 * The sector new keywords go into: the one the list shows, unless another is chosen (the site's first
 * when the list shows all). Shared by the CSV import and the paste dialog.
 */
export function useImportSector() {
  const { accountId, siteId } = useSite();
  const { sectors, many } = useSectorNames(accountId, siteId);
  const [listSector] = useSectorParam();
  const [chosen, setChosen] = useState<string | null>(null);
  return { sectors, many, sectorId: chosen ?? listSector ?? sectors[0]?.id, choose: setChosen };
}

/** The sector choice, shown only when the site has more than one. */
export function ImportSectorSelect(props: { choice: ReturnType<typeof useImportSector>; locked: boolean }) {
  const { sectors, many, sectorId, choose } = props.choice;
  if (!many) return null;
  return (
    <Select
      label="Add to sector"
      description="New keywords go into this sector; keywords the site already has keep theirs."
      data={sectors.map((s) => ({ value: s.id, label: s.name }))}
      value={sectorId ?? null}
      allowDeselect={false}
      disabled={props.locked}
      onChange={(id) => choose(id)}
      data-testid="import-sector"
    />
  );
}
