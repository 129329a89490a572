import { bearer, build, errorCode, login, type TestApp } from './helper'
import { getMe, listHouseholds, userIdOf, type AdminHousehold } from './fixtures'

jest.setTimeout(20_000)

let t: TestApp
let admin: string
beforeAll(async () => {
  t = await build()
  admin = await login(t.app, 'admin')
})
afterAll(async () => t.close())

const importCsv = (token: string, csv: string, contentType = 'text/csv') =>
  t.app.inject({ method: 'POST', url: '/api/v1/admin/households/import', headers: { ...bearer(token), 'content-type': contentType }, payload: csv })

const find = (list: AdminHousehold[], building: string, unit: string, room: string) => list.find((h) => h.building === building && h.unit === unit && h.room === room)

describe('households across compounds', () => {
  test('staff of the second compound see only their 40 households; staff of the first only theirs', async () => {
    const mine = await listHouseholds(t.app, await login(t.app, 'staff_b'))
    const theirs = await listHouseholds(t.app, await login(t.app, 'staff'))
    expect(mine).toHaveLength(40)
    expect(theirs).toHaveLength(120)
    expect([...new Set(mine.map((h) => h.building))].sort()).toEqual(['A座', 'B座'])
    expect([...new Set(theirs.map((h) => h.building))].sort()).toEqual(['1号楼', '2号楼', '3号楼'])
    const theirIds = new Set(theirs.map((h) => h.id))
    expect(mine.filter((h) => theirIds.has(h.id))).toEqual([])
    expect(await listHouseholds(t.app, admin)).toEqual(theirs)
  })

  test('the household list is for staff and admins only', async () => {
    for (const persona of ['resident', 'resident_b', 'rep', 'worker', 'elder'] as const) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/households', headers: bearer(await login(t.app, persona)) })
      expect(res.statusCode).toBe(403)
      expect(errorCode(res)).toBe('FORBIDDEN')
    }
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/admin/households' })
    expect(anon.statusCode).toBe(401)
  })

  test('areas come back in m² with two decimals', async () => {
    const list = await listHouseholds(t.app, admin)
    for (const h of list) {
      expect(h.area).toBeGreaterThanOrEqual(60)
      expect(h.area).toBeLessThan(140)
      expect(Math.round(h.area * 100) / 100).toBe(h.area)
    }
  })
})

describe('CSV import', () => {
  const HEADER = '楼栋,单元,房号,面积,业主姓名,手机号'

  test('a valid file creates households and buildings; re-importing updates them in place', async () => {
    const before = await listHouseholds(t.app, admin)
    const csv = [
      HEADER,
      '9号楼,1,101,89.5,张三,13712340001',
      '9号楼,1,102,120,张三,13712340001',
      '9号楼,2,101,75.25,李四,13712340002',
      '10号楼,1,101,60.05,王五,',
      '"10号楼",1,102,100.10,"赵,六",13712340003',
    ].join('\n')
    const res = await importCsv(admin, csv)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ created: 5, updated: 0, buildingsCreated: 2 })

    const after = await listHouseholds(t.app, admin)
    expect(after).toHaveLength(before.length + 5)
    const a = find(after, '9号楼', '1', '101')!
    const b = find(after, '9号楼', '1', '102')!
    const c = find(after, '9号楼', '2', '101')!
    const d = find(after, '10号楼', '1', '101')!
    const e = find(after, '10号楼', '1', '102')!
    expect([a.area, b.area, c.area, d.area, e.area]).toEqual([89.5, 120, 75.25, 60.05, 100.1])
    expect(a.buildingId).toBe(b.buildingId)
    expect(a.buildingId).toBe(c.buildingId)
    expect(d.buildingId).toBe(e.buildingId)
    expect(d.buildingId).not.toBe(a.buildingId)
    expect(before.map((h) => h.buildingId)).not.toContain(a.buildingId)
    // Same phone → one owner (one ownerKey); different phone or none → different owners.
    expect(a.ownerKey).toBe(b.ownerKey)
    expect(new Set([a.ownerKey, c.ownerKey, d.ownerKey, e.ownerKey]).size).toBe(4)

    // The other compound sees none of it.
    const other = await listHouseholds(t.app, await login(t.app, 'staff_b'))
    expect(other.filter((h) => h.building === '9号楼' || h.building === '10号楼')).toEqual([])

    const again = await importCsv(admin, [HEADER, '9号楼,1,101,90.25,张三,13712340001', '9号楼,1,102,120,张三,13712340002', '9号楼,3,101,50,钱七,'].join('\n'))
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual({ created: 1, updated: 2, buildingsCreated: 0 })
    const updated = await listHouseholds(t.app, admin)
    expect(updated).toHaveLength(after.length + 1)
    expect(find(updated, '9号楼', '1', '101')).toEqual({ ...a, area: 90.25 })
    // 1-102 now has its own phone, so it no longer shares 1-101's owner.
    expect(find(updated, '9号楼', '1', '102')!.id).toBe(b.id)
    expect(find(updated, '9号楼', '1', '102')!.ownerKey).not.toBe(a.ownerKey)
    expect(find(updated, '9号楼', '3', '101')!.buildingId).toBe(a.buildingId)
  })

  test('a file with one bad row imports nothing and names that row, counting the header as row 1', async () => {
    const before = await listHouseholds(t.app, admin)
    const existing = before[0]!
    const csv = [
      HEADER,
      `${existing.building},${existing.unit},${existing.room},99.99,改名,13712349999`,
      '11号楼,1,101,80,孙八,13712340011',
      '11号楼,1,102,abc,孙八,13712340011',
      '11号楼,1,201,81,孙九,13712340012',
    ].join('\n')
    const res = await importCsv(admin, csv)
    expect(res.statusCode).toBe(422)
    expect(errorCode(res)).toBe('IMPORT_INVALID')
    const { message, details } = res.json().error
    expect(details).toEqual([{ row: 4, message: expect.stringContaining('abc') }])
    expect(message).toContain('第 4 行')

    expect(await listHouseholds(t.app, admin)).toEqual(before)
  })

  test('every bad row is listed', async () => {
    const before = await listHouseholds(t.app, admin)
    const csv = [
      HEADER,
      '12号楼,1,101,0,周一,13712340021', // area must be positive
      '12号楼,1,102,80.123,周二,13712340022', // three decimals
      '12号楼,1,103,80,,13712340023', // no owner
      '12号楼,1,104,80,周四,1234', // bad phone
      '12号楼,1,105,80,周五,13712340025',
      '12号楼,1,105,81,周六,13712340026', // same unit twice
    ].join('\n')
    const res = await importCsv(admin, csv)
    expect(res.statusCode).toBe(422)
    expect(errorCode(res)).toBe('IMPORT_INVALID')
    expect(res.json().error.details.map((d: { row: number }) => d.row)).toEqual([2, 3, 4, 5, 7])
    expect(res.json().error.details[4].message).toContain('第 6 行')
    expect(await listHouseholds(t.app, admin)).toEqual(before)
  })

  test('row numbers match the spreadsheet even when the file has blank lines', async () => {
    const before = await listHouseholds(t.app, admin)
    const csv = [HEADER, '13号楼,1,101,80,吴一,13712340031', '', ',,,,,', '13号楼,1,102,oops,吴二,13712340032', ''].join('\r\n')
    const res = await importCsv(admin, csv)
    expect(res.statusCode).toBe(422)
    expect(res.json().error.details).toEqual([{ row: 5, message: expect.stringContaining('oops') }])
    expect(await listHouseholds(t.app, admin)).toEqual(before)
  })

  test('English headers, an Excel BOM, CRLF and an explicit owner number', async () => {
    const csv = '\ufeffBuilding,Unit,Room,Area,Owner,Phone,Owner Key\r\n14号楼,1,101,70.5,郑一,13712340041,A-1\r\n14号楼,1,102,71,郑二,13712340042,A-1\r\n14号楼,1,103,72,郑三,13712340041,\r\n'
    const res = await importCsv(admin, csv, 'text/csv; charset=utf-8')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ created: 3, updated: 0, buildingsCreated: 1 })
    const list = await listHouseholds(t.app, admin)
    const [a, b, c] = ['101', '102', '103'].map((room) => find(list, '14号楼', '1', room)!)
    expect(a!.area).toBe(70.5)
    // The owner number wins over the phone.
    expect(a!.ownerKey).toBe(b!.ownerKey)
    expect(c!.ownerKey).not.toBe(a!.ownerKey)
  })

  test('a file without the needed columns, or with only a header, is refused at row 1', async () => {
    for (const csv of ['楼栋,单元,房号,业主姓名\n15号楼,1,101,冯一', HEADER, HEADER + '\n']) {
      const res = await importCsv(admin, csv)
      expect(res.statusCode).toBe(422)
      expect(errorCode(res)).toBe('IMPORT_INVALID')
      expect(res.json().error.details[0].row).toBe(1)
    }
  })

  test('only an admin may import', async () => {
    const before = await listHouseholds(t.app, admin)
    const csv = `${HEADER}\n16号楼,1,101,80,陈一,13712340051`
    for (const persona of ['resident', 'staff', 'rep', 'staff_b'] as const) {
      const res = await importCsv(await login(t.app, persona), csv)
      expect(res.statusCode).toBe(403)
      expect(errorCode(res)).toBe('FORBIDDEN')
    }
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/admin/households/import', headers: { 'content-type': 'text/csv' }, payload: csv })
    expect(anon.statusCode).toBe(401)
    expect(await listHouseholds(t.app, admin)).toEqual(before)
  })
})

describe('roles', () => {
  const putRole = (token: string, payload: object) => t.app.inject({ method: 'PUT', url: '/api/v1/admin/roles', headers: bearer(token), payload })

  async function residentAndBuilding() {
    const members = await t.app.inject({ method: 'GET', url: '/api/v1/admin/members', headers: bearer(admin) })
    expect(members.statusCode).toBe(200)
    const resident = (members.json().items as { userId: number; displayName: string; households: { householdId: number }[] }[]).find((m) => m.displayName === '陈女士')!
    expect(resident).toMatchObject({ userId: expect.any(Number) })
    const list = await listHouseholds(t.app, admin)
    const building = list.find((h) => h.id === resident.households[0]!.householdId)!.buildingId
    const otherBuilding = list.find((h) => h.buildingId !== building)!.buildingId
    return { userId: resident.userId, building, otherBuilding }
  }

  test('an admin makes a resident the rep of a building, and takes it back', async () => {
    const { userId, building } = await residentAndBuilding()
    const residentToken = await login(t.app, 'resident')
    const before = await getMe(t.app, residentToken)
    expect(before.roles).toEqual([])

    const grant = await putRole(admin, { userId, role: 'rep', buildingId: building, granted: true })
    expect(grant.statusCode).toBe(200)
    expect(grant.json()).toEqual({ ok: true })
    const after = await getMe(t.app, residentToken)
    expect(after.roles).toEqual([{ role: 'rep', communityId: before.community.id, buildingId: building }])

    // Granting twice is harmless.
    expect((await putRole(admin, { userId, role: 'rep', buildingId: building, granted: true })).statusCode).toBe(200)
    const members = await t.app.inject({ method: 'GET', url: '/api/v1/admin/members', headers: bearer(admin) })
    expect(members.json().items.find((m: { userId: number }) => m.userId === userId).roles).toEqual([{ role: 'rep', buildingId: building }])

    const revoke = await putRole(admin, { userId, role: 'rep', buildingId: building, granted: false })
    expect(revoke.statusCode).toBe(200)
    expect((await getMe(t.app, residentToken)).roles).toEqual([])
  })

  test('rep needs a building; other roles must not have one', async () => {
    const { userId, building } = await residentAndBuilding()
    const noBuilding = await putRole(admin, { userId, role: 'rep', granted: true })
    expect(noBuilding.statusCode).toBe(400)
    expect(errorCode(noBuilding)).toBe('VALIDATION_FAILED')
    expect(noBuilding.json().error.message).toBe('楼栋长必须指定楼栋')
    const staffWithBuilding = await putRole(admin, { userId, role: 'staff', buildingId: building, granted: true })
    expect(staffWithBuilding.statusCode).toBe(400)
    expect(errorCode(staffWithBuilding)).toBe('VALIDATION_FAILED')
    const badRole = await putRole(admin, { userId, role: 'owner', granted: true })
    expect(badRole.statusCode).toBe(400)
    expect((await getMe(t.app, await login(t.app, 'resident'))).roles).toEqual([])
  })

  test('a building of the other compound, or an unknown user, is 404', async () => {
    const { userId, building } = await residentAndBuilding()
    const foreign = (await listHouseholds(t.app, await login(t.app, 'staff_b')))[0]!.buildingId
    const res = await putRole(admin, { userId, role: 'rep', buildingId: foreign, granted: true })
    expect(res.statusCode).toBe(404)
    expect(errorCode(res)).toBe('NOT_FOUND')
    const nobody = await putRole(admin, { userId: 999999, role: 'rep', buildingId: building, granted: true })
    expect(nobody.statusCode).toBe(404)
    expect((await getMe(t.app, await login(t.app, 'resident'))).roles).toEqual([])
  })

  test('only an admin may change roles', async () => {
    const { userId, building } = await residentAndBuilding()
    for (const persona of ['staff', 'rep', 'resident', 'staff_b'] as const) {
      const res = await putRole(await login(t.app, persona), { userId, role: 'rep', buildingId: building, granted: true })
      expect(res.statusCode).toBe(403)
      expect(errorCode(res)).toBe('FORBIDDEN')
    }
    const residentToken = await login(t.app, 'resident')
    const self = await putRole(residentToken, { userId, role: 'admin', granted: true })
    expect(self.statusCode).toBe(403)
    expect((await getMe(t.app, residentToken)).roles).toEqual([])
  })

  test('an admin cannot revoke their own admin role', async () => {
    const adminMe = await getMe(t.app, admin)
    const res = await putRole(admin, { userId: adminMe.user.id, role: 'admin', granted: false })
    expect(res.statusCode).toBe(422)
    expect(errorCode(res)).toBe('CONFLICT')
    expect((await getMe(t.app, admin)).roles).toEqual(adminMe.roles)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/members', headers: bearer(admin) })).statusCode).toBe(200)
  })

  test('a granted admin role opens the admin console, a revoked one closes it', async () => {
    const staff = await login(t.app, 'staff')
    const staffId = await userIdOf(t.app, staff)
    const members = () => t.app.inject({ method: 'GET', url: '/api/v1/admin/members', headers: bearer(staff) })
    expect((await members()).statusCode).toBe(403)
    expect((await putRole(admin, { userId: staffId, role: 'admin', granted: true })).statusCode).toBe(200)
    expect((await members()).statusCode).toBe(200)
    expect((await putRole(admin, { userId: staffId, role: 'admin', granted: false })).statusCode).toBe(200)
    expect((await members()).statusCode).toBe(403)
  })
})

describe('members', () => {
  test('lists the compound’s people with their homes and roles, and nobody from the other compound', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/members', headers: bearer(admin) })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as { userId: number; displayName: string; households: unknown[]; roles: { role: string }[] }[]
    const names = items.map((m) => m.displayName)
    for (const name of ['陈女士', '王阿姨', '李楼长', '物业小周', '赵师傅', '社区管理员']) expect(names).toContain(name)
    expect(names).not.toContain('刘先生')
    expect(names).not.toContain('和谐物业')
    expect(items.find((m) => m.displayName === '李楼长')!.roles.map((r) => r.role)).toEqual(['rep'])
    expect(items.map((m) => m.userId)).toEqual([...items.map((m) => m.userId)].sort((a, b) => a - b))
  })
})
