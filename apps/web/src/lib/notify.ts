import { notifications } from '@mantine/notifications';
import { ApiError, errorMessage } from '../api/errors';

export function notifyError(err: unknown, title = 'Request failed'): void {
  let message = errorMessage(err);
  // The server's own message may already say when to try again; never say it twice.
  if (err instanceof ApiError && err.status === 429 && err.retryAfter && !/try again/i.test(message)) {
    message = `${message} Try again in ${err.retryAfter} s.`;
  }
  notifications.show({ color: 'red', title, message, autoClose: 8000 });
}

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message });
}
