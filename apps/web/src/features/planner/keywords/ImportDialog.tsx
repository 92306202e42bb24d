import { useState } from 'react';
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconFile } from '@tabler/icons-react';
import { type ImportPreview, type ImportResult, plural } from '@igny8/contracts';
import { errorMessage } from '../../../api/errors';
import { useImportKeywords } from '../../../api/queries/keywords';
import { useSite } from '../../sites/context';
import { useStartedTask } from '../../tasks/useStartedTask';
import { CsvDropZone } from './CsvDropZone';
import { ImportPreviewView } from './ImportPreviewView';
import { OverwriteConfirm } from './OverwriteConfirm';
import { ImportSectorSelect, useImportSector } from './ImportSectorSelect';
import { SerpImportPanel } from './SerpImportPanel';

type Step =
  { kind: 'choose' } | { kind: 'preview'; file: File; preview: ImportPreview } | { kind: 'done'; result: ImportResult };

function ResultView({ result }: { result: ImportResult }) {
  const background = result.taskId !== null;
  return (
    <Stack align="center" gap="xs" py="lg" data-testid="import-result">
      <ThemeIcon size={48} radius="xl" color="teal" variant="light">
        <IconCheck size={26} />
      </ThemeIcon>
      {background ? (
        <>
          <Text fw={600}>Import running in the background</Text>
          <Text size="sm" c="dimmed" ta="center">
            {result.validRows.toLocaleString()} keywords are being imported. The list refreshes when the task finishes.
          </Text>
        </>
      ) : (
        <>
          <Text fw={600} data-testid="import-result-counts">
            {plural(result.created, 'keyword')} added, {result.merged.toLocaleString()} merged
            {result.duplicateRows > 0
              ? `, ${result.duplicateRows.toLocaleString()} repeated row${result.duplicateRows === 1 ? '' : 's'} combined`
              : ''}
          </Text>
          <Text size="sm" c="dimmed" ta="center">
            Merged keywords were already on the site; the file filled in or updated their metrics. Rows repeating a
            keyword were combined into its first row.
            {result.errors.length > 0
              ? ` ${result.errors.length.toLocaleString()} bad row${result.errors.length === 1 ? ' was' : 's were'} skipped.`
              : ''}
          </Text>
        </>
      )}
    </Stack>
  );
}

export function ImportDialog(props: { opened: boolean; onClose: () => void }) {
  const { accountId, siteId } = useSite();
  const upload = useImportKeywords(accountId, siteId);
  const started = useStartedTask();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [overwrite, setOverwrite] = useState(false);
  // Keywords, or the top search results of keywords the site has (SERP overlap for clustering).
  const [what, setWhat] = useState<'keywords' | 'serps'>('keywords');
  const sector = useImportSector();
  const { sectorId } = sector;

  const close = () => {
    setStep({ kind: 'choose' });
    setWhat('keywords');
    setOverwrite(false);
    upload.reset();
    props.onClose();
  };
  const previewFile = (file: File) =>
    upload.mutate(
      { file, dryRun: true, sectorId },
      { onSuccess: (preview) => (setOverwrite(false), setStep({ kind: 'preview', file, preview })) },
    );
  const runImport = (file: File, mode: 'strict' | 'valid') =>
    upload.mutate(
      { file, mode, sectorId },
      {
        onSuccess: (res) => {
          const result = res as ImportResult;
          if (result.taskId) started(result.taskId);
          setStep({ kind: 'done', result });
        },
      },
    );

  const errors = step.kind === 'preview' ? step.preview.errors.length : 0;
  const valid = step.kind === 'preview' ? step.preview.validRows : 0;
  // Overwriting metrics keywords already have happens only once the user has seen the changes and said yes.
  const unconfirmed = step.kind === 'preview' && step.preview.changedKeywords > 0 && !overwrite;

  return (
    <Modal opened={props.opened} onClose={close} title="Import from CSV" size="xl" centered radius="md">
      <Stack gap="md">
        {step.kind === 'choose' ? (
          <SegmentedControl
            value={what}
            onChange={(v) => setWhat(v as typeof what)}
            data={[
              { value: 'keywords', label: 'Keywords' },
              { value: 'serps', label: 'Search results (SERP)' },
            ]}
            data-testid="import-what"
          />
        ) : null}
        {what === 'serps' ? <SerpImportPanel /> : null}
        {what === 'keywords' && step.kind !== 'done' ? (
          <ImportSectorSelect choice={sector} locked={step.kind !== 'choose'} />
        ) : null}
        {what === 'keywords' && step.kind === 'choose' ? (
          <CsvDropZone onFile={previewFile} disabled={upload.isPending} />
        ) : null}
        {step.kind === 'preview' ? (
          <>
            <Group gap="xs">
              <IconFile size={16} />
              <Text size="sm" fw={500}>
                {step.file.name}
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => (upload.reset(), setStep({ kind: 'choose' }))}
                data-testid="import-choose-another"
              >
                Choose another file
              </Button>
            </Group>
            <ImportPreviewView preview={step.preview} />
            <OverwriteConfirm preview={step.preview} checked={overwrite} onChange={setOverwrite} />
            {errors > 0 ? (
              <Alert color="yellow" variant="light" icon={<IconAlertCircle size={18} />}>
                A file with bad rows imports nothing. Fix the rows and choose the file again, or import only the{' '}
                {valid.toLocaleString()} valid rows.
              </Alert>
            ) : null}
          </>
        ) : null}
        {step.kind === 'done' ? <ResultView result={step.result} /> : null}
        {upload.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="import-error">
            {errorMessage(upload.error)}
          </Alert>
        ) : null}
        {upload.isPending && step.kind === 'choose' ? (
          <Text size="sm" c="dimmed" ta="center">
            Reading the file…
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-testid="import-close">
            {step.kind === 'done' || what === 'serps' ? 'Close' : 'Cancel'}
          </Button>
          {step.kind === 'preview' && errors > 0 && valid > 0 ? (
            <Button
              variant="light"
              loading={upload.isPending && upload.variables?.mode === 'valid'}
              disabled={upload.isPending || unconfirmed}
              onClick={() => runImport(step.file, 'valid')}
              data-testid="import-valid-only"
            >
              Import valid rows only
            </Button>
          ) : null}
          {step.kind === 'preview' ? (
            <Button
              disabled={errors > 0 || valid === 0 || upload.isPending || unconfirmed}
              loading={upload.isPending && upload.variables?.mode === 'strict'}
              onClick={() => runImport(step.file, 'strict')}
              data-testid="import-submit"
            >
              Import {plural(valid, 'keyword')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}
