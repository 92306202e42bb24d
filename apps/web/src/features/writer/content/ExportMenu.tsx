import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileCode, IconMarkdown } from '@tabler/icons-react';
import { exportContents, type ExportFormat } from '../../../api/queries/contents';
import { saveBlob } from '../../../lib/download';
import { notifyError } from '../../../lib/notify';

/**
 * Export of the selected articles: one without images gives a .md/.html file; with images, or several, a .zip with an
 * images/ folder. The server writes the file from what is saved, so in the editor it waits for unsaved changes to be saved.
 */
export function ExportMenu(props: { accountId: string; siteId: string; ids: readonly string[]; unsaved?: boolean }) {
  const [busy, setBusy] = useState(false);
  const n = props.ids.length;

  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const file = await exportContents(props.accountId, props.siteId, props.ids, format);
      saveBlob(file.blob, file.filename);
    } catch (err) {
      notifyError(err, 'Could not export');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          disabled={n === 0 || props.unsaved}
          loading={busy}
          title={props.unsaved ? 'Save your changes first: the export is made from the saved article' : undefined}
          data-testid="content-export"
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{n > 1 ? `${n} articles as a .zip` : 'A file, or a .zip with its images'}</Menu.Label>
        <Menu.Item
          leftSection={<IconMarkdown size={16} />}
          onClick={() => void run('markdown')}
          data-testid="content-export-markdown"
        >
          Markdown
        </Menu.Item>
        <Menu.Item
          leftSection={<IconFileCode size={16} />}
          onClick={() => void run('html')}
          data-testid="content-export-html"
        >
          HTML
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
