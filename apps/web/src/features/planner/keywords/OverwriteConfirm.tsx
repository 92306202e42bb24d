import { Alert, Checkbox } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type ImportPreview, plural } from '@igny8/contracts';

/** Asks before an import overwrites metrics keywords already have: nothing changes without this box ticked. */
export function OverwriteConfirm(props: {
  preview: ImportPreview;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const n = props.preview.changedKeywords;
  if (n === 0) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Existing keywords will change">
      <Checkbox
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
        label={`Overwrite the metrics of ${plural(n, 'keyword')} already on the site, as listed above`}
        data-testid="import-confirm-changes"
      />
    </Alert>
  );
}
