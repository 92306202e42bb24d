import { useState } from 'react';
import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { CLUSTER_OPTIONS, useCluster, useClusterOptions } from '../../../api/queries/clusters';
import { useSite } from '../../sites/context';

type Props = Omit<SelectProps, 'data' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  /** a cluster not to offer (the one being edited) */
  exclude?: string;
  /** choices listed before the clusters (e.g. "no cluster") */
  extra?: ComboboxItem[];
};

/**
 * Picks one of the site's clusters, however many it has: the first CLUSTER_OPTIONS by name, and what is
 * typed searches them all on the server. The chosen one keeps its name even when it is not in the list.
 */
export function ClusterSelect({ exclude, extra = [], value, nothingFoundMessage, ...rest }: Props) {
  const { accountId, siteId } = useSite();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const names = useClusterOptions(accountId, siteId, q);
  const listed = names.options.some((o) => o.value === value);
  const chosen = useCluster(accountId, siteId, value && !listed ? value : null);
  const options = names.options.filter((o) => o.value !== exclude);
  if (value && !listed && chosen.data) options.unshift({ value, label: chosen.data.name });
  const more = !q && (names.data?.total ?? 0) > CLUSTER_OPTIONS;
  return (
    <Select
      {...rest}
      value={value ?? null}
      data={[...extra, ...options]}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has filtered by what was typed; "no cluster" and the like stay offered.
      filter={({ options: all }) => all}
      nothingFoundMessage={names.isFetching ? 'Searching…' : (nothingFoundMessage ?? 'No clusters match')}
      placeholder={more ? `${rest.placeholder ?? 'Choose a cluster'} (type to search all)` : rest.placeholder}
    />
  );
}
