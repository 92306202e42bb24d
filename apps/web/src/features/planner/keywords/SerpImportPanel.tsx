import { Alert, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconCheck } from '@tabler/icons-react';
import type { SerpImportResult } from '@igny8/contracts';
import { errorMessage } from '../../../api/errors';
import { useImportSerps } from '../../../api/queries/keywords';
import { useSite } from '../../sites/context';
import { CsvDropZone } from './CsvDropZone';

const n = (x: number) => x.toLocaleString('en');

function SerpResult({ result }: { result: SerpImportResult }) {
  return (
    <Stack gap="xs" data-testid="serp-import-result">
      <Stack align="center" gap="xs" py="sm">
        <ThemeIcon size={44} radius="xl" color="teal" variant="light">
          <IconCheck size={24} />
        </ThemeIcon>
        <Text fw={600} data-testid="serp-import-counts">
          {n(result.keywords)} keyword{result.keywords === 1 ? '' : 's'} got their top results ({n(result.results)}{' '}
          result URLs)
        </Text>
        <Text size="sm" c="dimmed" ta="center" maw={520}>
          Auto-cluster now groups keywords that share at least 3 of their top 10 results, as well as by their words.
        </Text>
      </Stack>
      {result.unknownKeywords > 0 ? (
        <Alert color="yellow" variant="light" icon={<IconAlertCircle size={18} />} data-testid="serp-import-unknown">
          {n(result.unknownKeywords)} keyword{result.unknownKeywords === 1 ? ' of the file is' : 's of the file are'}{' '}
          not on this site and were skipped (import them as keywords first): {result.unknownSample.join(', ')}
          {result.unknownKeywords > result.unknownSample.length ? ', …' : ''}
        </Alert>
      ) : null}
      {result.errorCount > 0 ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertCircle size={18} />}
          title={`${n(result.errorCount)} rows skipped`}
        >
          <List size="sm">
            {result.errors.slice(0, 5).map((e) => (
              <List.Item key={`${e.line}-${e.field}`}>
                Line {e.line}: {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}

/**
 * Top search results per keyword from an SEO tool's SERP export (Keyword, Position, URL; or URL 1 … URL 10):
 * what auto-cluster's SERP overlap reads. Only keywords the site has get results.
 */
export function SerpImportPanel() {
  const { accountId, siteId } = useSite();
  const upload = useImportSerps(accountId, siteId);
  return (
    <Stack gap="md">
      {upload.data ? (
        <SerpResult result={upload.data} />
      ) : (
        <CsvDropZone
          onFile={(file) => upload.mutate(file)}
          disabled={upload.isPending}
          hint="A SERP export: one row per result (Keyword, Position, URL) or one row per keyword (Keyword, URL 1 … URL 10), from Ahrefs, Semrush, SE Ranking, DataForSEO and similar tools. Keywords sharing 3 of their top 10 results are clustered together."
        />
      )}
      {upload.isPending ? (
        <Text size="sm" c="dimmed" ta="center">
          Reading the file…
        </Text>
      ) : null}
      {upload.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="serp-import-error">
          {errorMessage(upload.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}
