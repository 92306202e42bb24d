import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type ImportPreview, type ImportResult, plural } from '@igny8/contracts';
import { errorMessage } from '../../../api/errors';
import { useImportKeywords } from '../../../api/queries/keywords';
import { notifySuccess } from '../../../lib/notify';
import { useSite } from '../../sites/context';
import { useStartedTask } from '../../tasks/useStartedTask';
import { ImportPreviewView } from './ImportPreviewView';
import { ImportSectorSelect, useImportSector } from './ImportSectorSelect';
import { OverwriteConfirm } from './OverwriteConfirm';

/**
 * Pasted keywords go through the CSV importer, so a line reads exactly as the same line in a file:
 * "seed starting mix, 900, 20" is keyword, volume and difficulty, never "900, 20" as one number.
 * The server's preview comes first, with every metric the paste would overwrite.
 */
export function AddKeywordsModal(props: { opened: boolean; onClose: () => void }) {
  const { accountId, siteId } = useSite();
  const upload = useImportKeywords(accountId, siteId);
  const started = useStartedTask();
  const [text, setText] = useState('');
  const [pasted, setPasted] = useState<{ file: File; preview: ImportPreview } | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  const sector = useImportSector();

  const close = () => {
    setText('');
    setPasted(null);
    setOverwrite(false);
    upload.reset();
    props.onClose();
  };
  const runPreview = () => {
    const file = new File([text], 'pasted-keywords.csv', { type: 'text/csv', lastModified: Date.now() });
    upload.mutate(
      { file, dryRun: true, sectorId: sector.sectorId },
      { onSuccess: (preview) => (setOverwrite(false), setPasted({ file, preview })) },
    );
  };
  const add = (mode: 'strict' | 'valid') =>
    pasted &&
    upload.mutate(
      { file: pasted.file, mode, sectorId: sector.sectorId },
      {
        onSuccess: (res) => {
          const r = res as ImportResult;
          if (r.taskId) started(r.taskId);
          else
            notifySuccess(
              `${r.created} added${r.merged ? `, ${r.merged} already on the site (merged)` : ''}.`,
              'Keywords added',
            );
          close();
        },
      },
    );

  const p = pasted?.preview;
  const errors = p?.errors.length ?? 0;
  const valid = p?.validRows ?? 0;
  const unconfirmed = !!p && p.changedKeywords > 0 && !overwrite;

  return (
    <Modal opened={props.opened} onClose={close} title="Add keywords" size="xl" centered radius="md">
      <Stack gap="md">
        <ImportSectorSelect choice={sector} locked={!!pasted} />
        <Textarea
          label="Keywords"
          description='One per line, as in a CSV file: keyword, then volume, difficulty and CPC if you have them: "pour over coffee, 2400, 35".'
          placeholder={'pour over coffee, 2400, 35\nbest burr grinder, 1900\nhow to descale a kettle'}
          autosize
          minRows={6}
          maxRows={14}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPasted(null);
          }}
          data-autofocus
          data-testid="keywords-add-text"
        />
        {p ? (
          <>
            <ImportPreviewView preview={p} />
            <OverwriteConfirm preview={p} checked={overwrite} onChange={setOverwrite} />
          </>
        ) : null}
        {upload.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="keywords-add-error">
            {errorMessage(upload.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          {!p ? (
            <Button
              onClick={runPreview}
              disabled={text.trim() === ''}
              loading={upload.isPending}
              data-testid="keywords-add-preview"
            >
              Preview
            </Button>
          ) : null}
          {p && errors > 0 && valid > 0 ? (
            <Button
              variant="light"
              onClick={() => add('valid')}
              disabled={upload.isPending || unconfirmed}
              data-testid="keywords-add-valid-only"
            >
              Add the {valid.toLocaleString()} valid rows only
            </Button>
          ) : null}
          {p ? (
            <Button
              onClick={() => add('strict')}
              disabled={errors > 0 || valid === 0 || upload.isPending || unconfirmed}
              loading={upload.isPending}
              data-testid="keywords-add-submit"
            >
              Add {plural(valid, 'keyword')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}
