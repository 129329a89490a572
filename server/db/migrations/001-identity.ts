import type { Kysely } from 'kysely'
import type { Engine } from '../index'
import { idColumn } from './columns'

export function identity(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await idColumn(engine, db.schema.createTable('communities'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()

      await idColumn(engine, db.schema.createTable('buildings'))
        .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('buildings_community_name', ['community_id', 'name'])
        .execute()

      await idColumn(engine, db.schema.createTable('households'))
        .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
        .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('room', 'text', (c) => c.notNull())
        .addColumn('area_centi', 'integer', (c) => c.notNull())
        .addColumn('owner_key', 'text', (c) => c.notNull())
        .addColumn('owner_name', 'text', (c) => c.notNull())
        .addColumn('owner_phone', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('households_place', ['building_id', 'unit', 'room'])
        .execute()
      await db.schema.createIndex('households_community').on('households').columns(['community_id', 'building_id']).execute()

      await idColumn(engine, db.schema.createTable('users'))
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.unique())
        .addColumn('password_hash', 'text')
        .addColumn('wechat_openid', 'text', (c) => c.unique())
        .addColumn('demo_persona', 'text', (c) => c.unique())
        .addColumn('care_mode', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()

      await idColumn(engine, db.schema.createTable('memberships'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
        .addColumn('relation', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('memberships_user_household', ['user_id', 'household_id'])
        .execute()
      await db.schema.createIndex('memberships_household').on('memberships').column('household_id').execute()

      await idColumn(engine, db.schema.createTable('role_grants'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('building_id', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('role_grants_unique', ['user_id', 'community_id', 'role', 'building_id'])
        .execute()

      await idColumn(engine, db.schema.createTable('sessions'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()

      await idColumn(engine, db.schema.createTable('invites'))
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
        .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('used_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('invites_household').on('invites').column('household_id').execute()

      await idColumn(engine, db.schema.createTable('audit_log'))
        .addColumn('actor_id', 'integer')
        .addColumn('community_id', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('audit_log_community').on('audit_log').columns(['community_id', 'id']).execute()

      await db.schema
        .createTable('uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('community_id', 'integer')
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('attached_to', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('rate_counters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute()
    },
  }
}
