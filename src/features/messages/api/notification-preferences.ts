import type { NotificationKind } from '@contract/messages'
import type { NotificationPreferences } from '@contract/schemas/messages'
import { api } from '@/api/client'

export async function getPreferences(): Promise<NotificationPreferences> {
  return (await api.get<NotificationPreferences>('/me/notification-preferences')).data
}

export async function setPreference(kind: NotificationKind, enabled: boolean): Promise<NotificationPreferences> {
  return (await api.put<NotificationPreferences>('/me/notification-preferences', { items: [{ kind, enabled }] })).data
}
