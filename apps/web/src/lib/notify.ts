import { notifications } from '@mantine/notifications';
import { ApiError, errorMessage } from '../api/errors';

export function notifyError(err: unknown, title = 'Request failed'): void {
  let message = errorMessage(err);
  if (err instanceof ApiError && err.status === 429 && err.retryAfter) {
    message = `${message} Try again in ${err.retryAfter} s.`;
  }
  notifications.show({ color: 'red', title, message, autoClose: 8000 });
}

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message });
}
