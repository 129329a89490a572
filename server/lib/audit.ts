import type { Queryable } from '../db'

export interface AuditEntry {
  actorId: number | null
  communityId: number | null
  action: string
  target: string
  detail?: unknown
  at: string
}

/** Appends to the audit log in the caller's transaction, so the audited change and its record commit together. */
export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      community_id: entry.communityId,
      action: entry.action,
      target: entry.target,
      detail: JSON.stringify(entry.detail ?? {}),
      at: entry.at,
    })
    .execute()
}
