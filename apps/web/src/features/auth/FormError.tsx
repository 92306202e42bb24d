import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../../api/errors';

/** The server's own message for a failed sign-in form (wrong password, rate limit, …). */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  let message = errorMessage(error);
  if (error instanceof ApiError && error.status === 429 && error.retryAfter) {
    message = `${message} Try again in ${error.retryAfter} seconds.`;
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="form-error">
      {message}
    </Alert>
  );
}
