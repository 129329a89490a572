import type { Insertable } from 'kysely'
import type { Queryable } from '../../db'
import type { UploadTable } from '../../db/schema'

/** SQL of uploaded photos; `attached_to` is `kind:id` of the object a photo belongs to, '' while unattached. */

export async function insertUpload(db: Queryable, row: Insertable<UploadTable>): Promise<void> {
  await db.insertInto('uploads').values(row).execute()
}

/** Attaches the owner's unattached (or already so attached) uploads; returns how many rows it touched. */
export async function attach(db: Queryable, ownerId: number, ids: string[], target: string): Promise<number> {
  const res = await db
    .updateTable('uploads')
    .set({ attached_to: target })
    .where('id', 'in', ids)
    .where('owner_id', '=', ownerId)
    .where((eb) => eb.or([eb('attached_to', '=', ''), eb('attached_to', '=', target)]))
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}

/** Releases every upload attached to `target` except `keep`. */
export async function detachExcept(db: Queryable, target: string, keep: string[]): Promise<void> {
  await db.updateTable('uploads').set({ attached_to: '' }).where('attached_to', '=', target).where('id', 'not in', keep.length ? keep : ['-']).execute()
}

export async function attachedIds(db: Queryable, target: string): Promise<string[]> {
  const rows = await db.selectFrom('uploads').select('id').where('attached_to', '=', target).orderBy('created_at').orderBy('id').execute()
  return rows.map((r) => r.id)
}

export async function findUpload(db: Queryable, id: string) {
  return db.selectFrom('uploads').select(['id', 'owner_id', 'community_id', 'attached_to']).where('id', '=', id).executeTakeFirst()
}
