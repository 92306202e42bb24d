/**
 * A text cell a spreadsheet would run as a formula starts with one of these (OWASP
 * "CSV injection"); a leading `'` makes Excel, LibreOffice and Sheets show it as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text for a CSV cell that a spreadsheet shows as text, never runs. */
export const spreadsheetText = (s: string | null): string | null => (s !== null && FORMULA_START.test(s) ? `'${s}` : s);
