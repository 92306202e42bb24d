import type { ZodType } from 'zod';

/**
 * Mantine form validation from a contract schema, so the browser checks exactly what the
 * server will check. Returns `{ field: message }` for the first issue of each field.
 */
export function zodValidate<T>(schema: ZodType) {
  return (values: T): Record<string, string> => {
    const result = schema.safeParse(values, {
      error: (issue) => (issue.code === 'too_small' && issue.minimum === 1 ? 'Required' : undefined),
    });
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.join('.');
      if (key && !(key in errors)) errors[key] = capitalize(issue.message);
    }
    return errors;
  };
}

function capitalize(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
