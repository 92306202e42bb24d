import { Notification, Stack } from '@mantine/core';
import { notifications, useNotifications } from '@mantine/notifications';
import { useEffect } from 'react';

/**
 * Inside the app, notifications show here, at the top of the page, in its flow: they push the page down
 * instead of covering its buttons (a floating toast sat on the page header's actions at desktop size and
 * on the header itself at 390 px). While this is mounted the floating container is hidden, except over
 * a dialog, whose page cannot be seen (see notices.module.css); pages outside the app keep floating toasts.
 */
export function InlineNotices() {
  const { notifications: shown } = useNotifications();
  useEffect(() => {
    document.body.classList.add('inline-notices');
    return () => document.body.classList.remove('inline-notices');
  }, []);
  if (shown.length === 0) return null;
  return (
    <Stack gap="xs" mb="md" data-testid="inline-notices">
      {shown.map((n) => (
        <Notification
          key={n.id}
          color={n.color}
          title={n.title}
          loading={n.loading}
          withCloseButton={n.withCloseButton !== false}
          onClose={() => n.id && notifications.hide(n.id)}
        >
          {n.message}
        </Notification>
      ))}
    </Stack>
  );
}
