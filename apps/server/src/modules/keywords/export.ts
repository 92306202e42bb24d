import type { Keyword } from '@igny8/contracts';
import { stringify } from 'csv-stringify/sync';

/**
 * A text cell a spreadsheet would run as a formula starts with one of these (OWASP
 * "CSV injection"); a leading `'` makes Excel, LibreOffice and Sheets show it as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const spreadsheetText = (s: string | null): string | null => (s !== null && FORMULA_START.test(s) ? `'${s}` : s);

export const exportHeader = stringify([['Keyword', 'Volume', 'Difficulty', 'CPC', 'Intent', 'Status', 'Cluster']]);

/** Rows of the keyword CSV export: text columns escaped, numeric columns (volume, difficulty, CPC) stay numbers. */
export function exportRows(page: Keyword[]): string {
  return stringify(
    page.map((k) => [spreadsheetText(k.phrase), k.volume, k.difficulty, k.cpc, spreadsheetText(k.intent), spreadsheetText(k.status), spreadsheetText(k.clusterName)]),
  );
}
