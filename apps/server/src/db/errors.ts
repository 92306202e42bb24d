/** The SQLSTATE of a database error (pg or PGlite, possibly wrapped by Drizzle), if it is one. */
export function sqlState(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    // A server's error report carries a severity; a socket error's code (EPIPE) is not a SQLSTATE.
    const { code, severity } = typeof cur === 'object' ? (cur as { code?: unknown; severity?: unknown }) : {};
    if (typeof code === 'string' && typeof severity === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when a database error (pg or PGlite, possibly wrapped by Drizzle) is a unique violation. */
export function isUniqueViolation(e: unknown): boolean {
  return sqlState(e) === '23505';
}

export type CallerFault = { status: 400 | 409; kind: 'text' | 'value' | 'conflict' };

/**
 * Database refusals that the caller's input caused (PostgreSQL SQLSTATE classes 22 and 23).
 * Validation should catch these first; this is the net under it, so a gap answers 4xx, not 500.
 */
const callerFaults: Record<string, CallerFault> = {
  '22021': { status: 400, kind: 'text' }, // character_not_in_repertoire (e.g. 0x00 in text)
  '22P05': { status: 400, kind: 'text' }, // untranslatable_character (e.g. \u0000 or a lone surrogate in jsonb)
  '22P02': { status: 400, kind: 'value' }, // invalid_text_representation (e.g. "abc" for a uuid)
  '22003': { status: 400, kind: 'value' }, // numeric_value_out_of_range
  '22001': { status: 400, kind: 'value' }, // string_data_right_truncation
  '22007': { status: 400, kind: 'value' }, // invalid_datetime_format
  '22008': { status: 400, kind: 'value' }, // datetime_field_overflow
  '22023': { status: 400, kind: 'value' }, // invalid_parameter_value
  '2201E': { status: 400, kind: 'value' }, // invalid_argument_for_logarithm
  '22012': { status: 400, kind: 'value' }, // division_by_zero
  '22025': { status: 400, kind: 'value' }, // invalid_escape_sequence
  '2201B': { status: 400, kind: 'value' }, // invalid_regular_expression
  '23502': { status: 400, kind: 'value' }, // not_null_violation
  '23514': { status: 400, kind: 'value' }, // check_violation
  '23505': { status: 409, kind: 'conflict' }, // unique_violation
  '23503': { status: 409, kind: 'conflict' }, // foreign_key_violation (the row referred to is gone)
};

export function callerFaultOf(e: unknown): (CallerFault & { sqlState: string }) | undefined {
  const state = sqlState(e);
  const fault = state ? callerFaults[state] : undefined;
  return fault && state ? { ...fault, sqlState: state } : undefined;
}
