import { useState } from 'react';
import type { KeywordListQuery } from '@igny8/contracts';
import { downloadKeywordsCsv } from '../../../api/queries/keywords';
import { saveBlob } from '../../../lib/download';
import { notifyError } from '../../../lib/notify';

/** Downloads the CSV of the current filter through the authenticated client and saves it. */
export function useExportKeywords(accountId: string, siteId: string) {
  const [busy, setBusy] = useState(false);
  const run = async (filter: KeywordListQuery) => {
    setBusy(true);
    try {
      const { blob, filename } = await downloadKeywordsCsv(accountId, siteId, filter);
      saveBlob(blob, filename);
    } catch (err) {
      notifyError(err, 'Could not export the keywords');
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}
