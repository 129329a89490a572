import { randomBytes } from 'node:crypto'
import type { Db } from './db'

/**
 * The key that signs image URLs. Kept in the database so every server instance on it agrees;
 * the first instance to start creates it.
 */
export async function loadAppSecret(db: Db): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: 'app_secret', value: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'app_secret').executeTakeFirstOrThrow()
  return row.value
}
