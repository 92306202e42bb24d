import type { Keyword } from '@igny8/contracts';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetText } from '../../http/csv';

export const exportHeader = stringify([['Keyword', 'Volume', 'Difficulty', 'CPC', 'Intent', 'Status', 'Cluster']]);

/** Rows of the keyword CSV export: text columns escaped, numeric columns (volume, difficulty, CPC) stay numbers. */
export function exportRows(page: Keyword[]): string {
  return stringify(
    page.map((k) => [
      spreadsheetText(k.phrase),
      k.volume,
      k.difficulty,
      k.cpc,
      spreadsheetText(k.intent),
      spreadsheetText(k.status),
      spreadsheetText(k.clusterName),
    ]),
  );
}
