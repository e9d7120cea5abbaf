import { ActionIcon, Indicator, Menu, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InAppNotification } from '../../api/types.js';
import { Icon } from '../../app/icons.js';
import { useDateTime } from '../../i18n/format.js';
import { useLiveNotifications, useMarkRead, useMyNotifications } from './notifications.api.js';

const SHOWN = 8;

function NotificationItem({ item, onRead }: { item: InAppNotification; onRead: () => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const unread = item.readAt === null;
  return (
    <Menu.Item
      onClick={unread ? onRead : undefined}
      aria-label={unread ? `${t('notifications.unreadTag')}: ${item.subject}` : undefined}
    >
      <Stack gap={2} maw={280} className="cpdt-wrap">
        <Text size="sm" fw={unread ? 700 : 400}>
          {item.subject}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {item.body}
        </Text>
        <Text size="xs" c="dimmed">
          {dateTime(item.createdAt)}
        </Text>
      </Stack>
    </Menu.Item>
  );
}

/** The header bell: unread count that updates live, the latest notices, click to mark one read. */
export function NotificationBell({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const mine = useMyNotifications(signedIn);
  const markRead = useMarkRead();
  useLiveNotifications(signedIn && mine.isSuccess);
  if (!signedIn || !mine.isSuccess) return null; // no bell until the notification service answers
  const { items, unread } = mine.data;
  const label = unread > 0 ? t('notifications.labelUnread', { count: unread }) : t('notifications.label');
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="white" size="lg" aria-label={label}>
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={16}
            color="yellow.3"
            autoContrast
            disabled={unread === 0}
          >
            <Icon name="bell" />
          </Indicator>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('notifications.label')}</Menu.Label>
        {items.length === 0 ? <Menu.Label>{t('notifications.empty')}</Menu.Label> : null}
        {items.slice(0, SHOWN).map((item) => (
          <NotificationItem key={item.id} item={item} onRead={() => markRead.mutate(item.id)} />
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
