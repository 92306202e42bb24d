import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../../api/errors';

/**
 * The server's own message for a failed sign-in form (wrong password, rate limit, weak password…). A 429's
 * message already says when to try again; adding Retry-After here said it twice.
 */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="form-error">
      {errorMessage(error)}
    </Alert>
  );
}
