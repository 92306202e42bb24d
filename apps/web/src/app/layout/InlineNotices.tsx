import { Notification, Stack } from '@mantine/core';
import { notifications, useNotifications } from '@mantine/notifications';

/**
 * On a phone the floating toasts would sit on the header's buttons (there is no free corner at
 * 390 px): there the same notifications show here, at the top of the page, in its flow, and push
 * the page down instead of covering it. The floating container is hidden below `sm` (providers).
 */
export function InlineNotices() {
  const { notifications: shown } = useNotifications();
  if (shown.length === 0) return null;
  return (
    <Stack gap="xs" mb="md" hiddenFrom="sm" data-testid="inline-notices">
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
