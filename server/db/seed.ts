import type { Persona, Role } from '../../types/identity'
import type { Db } from './index'
import { seedDemoNotices } from './seed-notices'
import { seedDemoPolls } from './seed-polls'
import { seedDemoRepairs } from './seed-repairs'
import { seedDemoSchedules } from '../modules/sorting/service'

/** A small deterministic generator, so the demo compound is the same on every machine. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = ['建国', '秀英', '伟', '芳', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '玉兰', '志强', '海燕', '晓东', '文华']

interface CompoundPlan {
  slug: string
  name: string
  city: 'shanghai' | 'national'
  phone: string
  buildings: string[]
  units: number
  floors: number
  roomsPerFloor: number
  seed: number
}

const COMPOUNDS: CompoundPlan[] = [
  { slug: 'lvyuan', name: '绿苑小区', city: 'shanghai', phone: '021-64000000', buildings: ['1号楼', '2号楼', '3号楼'], units: 2, floors: 10, roomsPerFloor: 2, seed: 7 },
  { slug: 'hexie', name: '和谐家园', city: 'national', phone: '010-62000000', buildings: ['A座', 'B座'], units: 2, floors: 5, roomsPerFloor: 2, seed: 11 },
]

interface PersonaPlan {
  persona: Persona
  name: string
  compound: string
  /** [building index, unit, room] of the household they live in, if any */
  home?: [number, string, string]
  relation?: 'owner' | 'family' | 'tenant'
  role?: Role
  careMode?: boolean
}

const PERSONA_PLANS: PersonaPlan[] = [
  { persona: 'resident', name: '陈女士', compound: 'lvyuan', home: [0, '1', '301'], relation: 'owner' },
  { persona: 'elder', name: '王阿姨', compound: 'lvyuan', home: [1, '1', '201'], relation: 'owner', careMode: true },
  { persona: 'rep', name: '李楼长', compound: 'lvyuan', home: [0, '2', '502'], relation: 'owner', role: 'rep' },
  { persona: 'staff', name: '物业小周', compound: 'lvyuan', role: 'staff' },
  { persona: 'worker', name: '赵师傅', compound: 'lvyuan', role: 'worker' },
  { persona: 'admin', name: '社区管理员', compound: 'lvyuan', role: 'admin' },
  { persona: 'resident_b', name: '刘先生', compound: 'hexie', home: [0, '1', '101'], relation: 'owner' },
  { persona: 'staff_b', name: '和谐物业', compound: 'hexie', role: 'staff' },
]

/**
 * Seeds the demo compounds into an empty database (and does nothing otherwise):
 * a Shanghai compound of 3 buildings × 40 households and a national-rules compound of 2 × 20, with every persona bound.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  const existing = await db.selectFrom('communities').select('id').limit(1).executeTakeFirst()
  if (existing) return false
  const now = new Date().toISOString()
  await db.transaction().execute(async (tx) => {
    const homeIds = new Map<string, number>()
    const communityIds = new Map<string, number>()
    const buildingIds = new Map<string, number[]>()
    for (const plan of COMPOUNDS) {
      const rand = prng(plan.seed)
      const c = await tx.insertInto('communities').values({ slug: plan.slug, name: plan.name, city: plan.city, phone: plan.phone, created_at: now }).returning('id').executeTakeFirstOrThrow()
      communityIds.set(plan.slug, c.id)
      const ids: number[] = []
      let ownerNo = 0
      for (const [bi, bname] of plan.buildings.entries()) {
        const b = await tx.insertInto('buildings').values({ community_id: c.id, name: bname, sort: bi + 1 }).returning('id').executeTakeFirstOrThrow()
        ids.push(b.id)
        const rows = []
        for (let unit = 1; unit <= plan.units; unit++) {
          for (let floor = 1; floor <= plan.floors; floor++) {
            for (let r = 1; r <= plan.roomsPerFloor; r++) {
              const room = `${floor}${String(r).padStart(2, '0')}`
              // 60–140 m², to the hundredth, as on a property certificate
              const areaCenti = 6000 + Math.floor(rand() * 8000)
              ownerNo++
              // About one owner in twenty also owns the flat next door: one person under Art. 278.
              const sharesOwner = r === 2 && rand() < 0.05
              const ownerKey = `${plan.slug}-owner-${sharesOwner ? ownerNo - 1 : ownerNo}`
              const name = `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${GIVEN[Math.floor(rand() * GIVEN.length)]}`
              const phone = `1390000${String(ownerNo + plan.seed * 1000).padStart(4, '0').slice(-4)}`
              rows.push({ community_id: c.id, building_id: b.id, unit: String(unit), room, area_centi: areaCenti, owner_key: ownerKey, owner_name: name, owner_phone: phone, updated_at: now })
            }
          }
        }
        const inserted = await tx.insertInto('households').values(rows).returning(['id', 'unit', 'room']).execute()
        for (const h of inserted) homeIds.set(`${plan.slug}|${bi}|${h.unit}|${h.room}`, h.id)
      }
      buildingIds.set(plan.slug, ids)
    }
    for (const p of PERSONA_PLANS) {
      const u = await tx.insertInto('users').values({ display_name: p.name, demo_persona: p.persona, care_mode: p.careMode ? 1 : 0, created_at: now }).returning('id').executeTakeFirstOrThrow()
      const communityId = communityIds.get(p.compound)!
      if (p.home) {
        const householdId = homeIds.get(`${p.compound}|${p.home[0]}|${p.home[1]}|${p.home[2]}`)!
        await tx.insertInto('memberships').values({ user_id: u.id, household_id: householdId, relation: p.relation ?? 'owner', created_at: now }).execute()
      }
      if (p.role) {
        const buildingId = p.role === 'rep' && p.home ? buildingIds.get(p.compound)![p.home[0]]! : 0
        await tx.insertInto('role_grants').values({ user_id: u.id, community_id: communityId, role: p.role, building_id: buildingId, created_at: now }).execute()
      }
    }
    await seedDemoSchedules(tx, [...communityIds.values()], now)
    await seedDemoNotices(tx, new Date(now))
    await seedDemoPolls(tx, new Date(now))
    await seedDemoRepairs(tx, new Date(now))
  })
  return true
}
