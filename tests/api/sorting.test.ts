import { syncDictionary } from '../../server/modules/sorting/service'
import { bearer, build, errorCode, login, type TestApp } from './helper'

jest.setTimeout(30_000)

let t: TestApp
let resident: string
let residentB: string
let staff: string
let staffB: string
beforeAll(async () => {
  t = await build()
  ;[resident, residentB, staff, staffB] = await Promise.all([login(t.app, 'resident'), login(t.app, 'resident_b'), login(t.app, 'staff'), login(t.app, 'staff_b')])
})
afterAll(async () => t.close())

interface Hit {
  name: string
  category: string
  label: string
  color: string
  tip?: string
  match: string
}
const search = async (q: string, token?: string, city?: string) => {
  const query = new URLSearchParams({ q, ...(city ? { city } : {}) })
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/sorting/search?${query}`, headers: token ? bearer(token) : {} })
  expect(res.statusCode).toBe(200)
  return res.json() as { city: string; items: Hit[] }
}
const names = async (q: string, token?: string) => (await search(q, token)).items.map((i) => i.name)

describe('search', () => {
  test('by characters, full pinyin, initials and with one typo, without login', async () => {
    for (const q of ['西瓜', 'xigua', 'xg', 'XiGua', 'xi gua', 'xigau']) {
      const { items } = await search(q)
      expect([q, items[0]?.name]).toEqual([q, '西瓜'])
    }
    expect((await search('西瓜')).items[0]!.match).toBe('exact')
    expect((await search('xigau')).items[0]!.match).toBe('fuzzy')
    expect(await names('瓜皮')).toContain('西瓜皮')
    expect((await names('dgt'))[0]).toBe('大骨头')
  })

  test('results carry label, colour and tip; at most 20', async () => {
    const { items } = await search('纽扣电池')
    expect(items[0]).toMatchObject({ name: '纽扣电池', category: 'hazardous', label: '有害垃圾', color: '#C62828' })
    expect(items[0]!.tip).toMatch(/\S/)
    expect((await search('g')).items).toHaveLength(20)
    expect((await search('没有这种东西吧')).items).toEqual([])
  })

  test('city labels: the query, else the compound, else Shanghai', async () => {
    const label = async (token?: string, city?: string) => (await search('西瓜', token, city)).items[0]!.label
    expect(await label()).toBe('湿垃圾')
    expect(await label(undefined, 'national')).toBe('厨余垃圾')
    expect(await label(resident)).toBe('湿垃圾')
    expect(await label(residentB)).toBe('厨余垃圾')
    expect(await label(resident, 'national')).toBe('厨余垃圾')
    expect((await search('大骨头', residentB)).items[0]).toMatchObject({ category: 'residual', label: '其他垃圾' })
    expect((await search('大骨头', resident)).items[0]).toMatchObject({ category: 'residual', label: '干垃圾' })
  })

  test('bad queries are 400s, not 500s', async () => {
    for (const url of ['/api/v1/sorting/search', `/api/v1/sorting/search?q=${'长'.repeat(31)}`, '/api/v1/sorting/search?q=a&city=beijing', '/api/v1/sorting/search?q=a&extra=1']) {
      const res = await t.app.inject({ method: 'GET', url })
      expect([url, res.statusCode]).toEqual([url, 400])
      expect(errorCode(res)).toBe('VALIDATION_FAILED')
    }
  })
})

describe('dataset', () => {
  test('whole dictionary with categories; ETag answers 304 while nothing changed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sorting/dataset' })
    expect(res.statusCode).toBe(200)
    const body = res.json() as { version: string; city: string; categories: { id: string; label: string }[]; items: { name: string; pinyin: string[]; initials: string[] }[] }
    expect(body.items.length).toBeGreaterThanOrEqual(1500)
    expect(body.city).toBe('shanghai')
    expect(body.categories.map((c) => c.label)).toEqual(['可回收物', '有害垃圾', '湿垃圾', '干垃圾'])
    expect(body.items.find((i) => i.name === '西瓜')).toMatchObject({ pinyin: ['xigua'], initials: ['xg'] })
    const etag = res.headers.etag as string
    expect(etag).toContain(body.version)

    const again = await t.app.inject({ method: 'GET', url: '/api/v1/sorting/dataset', headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    const stale = await t.app.inject({ method: 'GET', url: '/api/v1/sorting/dataset', headers: { 'if-none-match': '"0000.shanghai"' } })
    expect(stale.statusCode).toBe(200)
    // The national compound's labels are another representation: another ETag.
    const national = await t.app.inject({ method: 'GET', url: '/api/v1/sorting/dataset', headers: { ...bearer(residentB), 'if-none-match': etag } })
    expect(national.statusCode).toBe(200)
    expect((national.json() as typeof body).categories.map((c) => c.label)).toEqual(['可回收物', '有害垃圾', '厨余垃圾', '其他垃圾'])
  })
})

describe('dictionary loading', () => {
  test('a database holding another dictionary version is reloaded from dataset.json at start', async () => {
    const { db } = t.app.deps
    const count = async () => Number((await db.selectFrom('sorting_items').select((eb) => eb.fn.countAll().as('n')).where('community_id', '=', 0).executeTakeFirstOrThrow()).n)
    const full = await count()
    expect(full).toBeGreaterThanOrEqual(1500)
    await db.deleteFrom('sorting_items').where('community_id', '=', 0).where('name', '=', '西瓜').execute()
    // Same version: nothing is reloaded, the missing row stays missing.
    await syncDictionary(db)
    expect(await count()).toBe(full - 1)
    expect(await names('西瓜')).not.toContain('西瓜')
    await db.updateTable('settings').set({ value: 'older' }).where('key', '=', 'sorting_dictionary_version').execute()
    await syncDictionary(db)
    expect(await count()).toBe(full)
    expect((await names('西瓜'))[0]).toBe('西瓜')
  })
})

describe('schedule', () => {
  const put = (token: string, payload: unknown) => t.app.inject({ method: 'PUT', url: '/api/v1/sorting/schedule', headers: bearer(token), payload: payload as object })
  const get = async (token: string) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sorting/schedule', headers: bearer(token) })
    expect(res.statusCode).toBe(200)
    return res.json() as { communityName: string; summary: string; canEdit: boolean; slots: unknown[]; places: string[]; note: string }
  }

  test('both demo compounds have one; residents read their own', async () => {
    const a = await get(resident)
    expect(a).toMatchObject({ communityName: '绿苑小区', summary: '7:00–9:00、18:00–20:00，3号楼东侧', canEdit: false })
    const b = await get(residentB)
    expect(b.communityName).toBe('和谐家园')
    expect(b.summary).not.toBe(a.summary)
    expect((await get(staff)).canEdit).toBe(true)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sorting/schedule' })).statusCode).toBe(401)
  })

  test('residents cannot edit; staff edit only their own compound', async () => {
    const payload = { slots: [{ start: '18:00', end: '20:30' }, { start: '06:30', end: '09:00' }], places: ['2号楼南侧', ' 地下车库 '], note: '破袋投放' }
    const denied = await put(resident, payload)
    expect(denied.statusCode).toBe(403)
    expect(errorCode(denied)).toBe('FORBIDDEN')

    const before = await get(resident)
    const other = await put(staffB, payload)
    expect(other.statusCode).toBe(200)
    expect(await get(resident)).toEqual(before)
    expect((await get(residentB)).summary).toBe('6:30–9:00、18:00–20:30，2号楼南侧、地下车库')

    const mine = await put(staff, { slots: [{ start: '07:00', end: '09:00' }, { start: '18:00', end: '20:00' }], places: ['3号楼东侧'] })
    expect(mine.statusCode).toBe(200)
    expect((await get(resident)).summary).toBe('7:00–9:00、18:00–20:00，3号楼东侧')
  })

  test('invalid schedules are refused with a reason', async () => {
    const cases: [unknown, number, string][] = [
      [{ slots: [{ start: '09:00', end: '07:00' }], places: ['x'] }, 422, 'SORTING_SCHEDULE_INVALID'],
      [{ slots: [{ start: '07:00', end: '09:00' }, { start: '08:00', end: '10:00' }], places: ['x'] }, 422, 'SORTING_SCHEDULE_INVALID'],
      [{ slots: [{ start: '07:00', end: '09:00' }], places: ['   '] }, 422, 'SORTING_SCHEDULE_INVALID'],
      [{ slots: [{ start: '7:00', end: '09:00' }], places: ['x'] }, 400, 'VALIDATION_FAILED'],
      [{ slots: [{ start: '24:00', end: '25:00' }], places: ['x'] }, 400, 'VALIDATION_FAILED'],
      [{ slots: [], places: ['x'] }, 400, 'VALIDATION_FAILED'],
      [{ slots: [{ start: '07:00', end: '09:00' }], places: [] }, 400, 'VALIDATION_FAILED'],
      [{ slots: [{ start: '07:00', end: '09:00' }], places: ['x'], communityId: 2 }, 400, 'VALIDATION_FAILED'],
      [{ slots: 'morning', places: ['x'] }, 400, 'VALIDATION_FAILED'],
    ]
    for (const [payload, status, code] of cases) {
      const res = await put(staff, payload)
      expect([JSON.stringify(payload), res.statusCode, errorCode(res)]).toEqual([JSON.stringify(payload), status, code])
    }
  })
})

describe('missed searches', () => {
  const miss = (token: string | null, q: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/sorting/misses', headers: token ? bearer(token) : {}, payload: { q } as object })
  const misses = async (token: string) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sorting/misses', headers: bearer(token) })
    expect(res.statusCode).toBe(200)
    return (res.json() as { items: { query: string; count: number; found: boolean }[] }).items
  }

  test('a miss reaches the staff list, most-missed first; once staff add the item it is found', async () => {
    expect(await names('泡泡玛特盲盒')).toEqual([])
    expect((await miss(resident, '泡泡玛特盲盒')).statusCode).toBe(201)
    expect((await miss(resident, ' 泡泡玛特盲盒 ')).json()).toEqual({ query: '泡泡玛特盲盒', count: 2 })
    expect((await miss(resident, '蓝牙鼠标垫片')).statusCode).toBe(201)

    const list = await misses(staff)
    expect(list.map((m) => [m.query, m.count, m.found])).toEqual([
      ['泡泡玛特盲盒', 2, false],
      ['蓝牙鼠标垫片', 1, false],
    ])
    // Another compound's staff see none of it.
    expect((await misses(staffB)).map((m) => m.query)).not.toContain('泡泡玛特盲盒')

    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sorting/items',
      headers: bearer(staff),
      payload: { name: '泡泡玛特盲盒', category: 'residual', aliases: ['盲盒'], tip: '塑料小玩偶和盒子按干垃圾投放' },
    })
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({ name: '泡泡玛特盲盒', pinyin: ['paopaomatemanghe', 'manghe'], initials: ['ppmtmh', 'mh'], label: '干垃圾' })

    expect((await search('泡泡玛特盲盒', resident)).items[0]).toMatchObject({ name: '泡泡玛特盲盒', category: 'residual', label: '干垃圾', tip: '塑料小玩偶和盒子按干垃圾投放' })
    expect((await names('ppmt', resident))[0]).toBe('泡泡玛特盲盒')
    expect((await names('manghe', resident))[0]).toBe('泡泡玛特盲盒')
    expect((await misses(staff)).find((m) => m.query === '泡泡玛特盲盒')?.found).toBe(true)
    // Items belong to the compound whose staff added them.
    expect(await names('泡泡玛特盲盒', residentB)).toEqual([])
  })

  test('the dataset version changes when staff add an item, for that compound only', async () => {
    const etagOf = async (token: string) => (await t.app.inject({ method: 'GET', url: '/api/v1/sorting/dataset', headers: bearer(token) })).headers.etag as string
    const [beforeA, beforeB] = [await etagOf(resident), await etagOf(residentB)]
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/sorting/items', headers: bearer(staff), payload: { name: '自热火锅盒', category: 'residual' } })
    expect(res.statusCode).toBe(201)
    const afterA = await etagOf(resident)
    expect(afterA).not.toBe(beforeA)
    expect(await etagOf(residentB)).toBe(beforeB)
    const stale = await t.app.inject({ method: 'GET', url: '/api/v1/sorting/dataset', headers: { ...bearer(resident), 'if-none-match': beforeA } })
    expect(stale.statusCode).toBe(200)
    expect((stale.json() as { items: { name: string }[] }).items.map((i) => i.name)).toContain('自热火锅盒')
  })

  test('misses need a login and a real query; the list and items are staff-only', async () => {
    expect((await miss(null, '盲盒')).statusCode).toBe(401)
    for (const q of ['', '   ', 'x'.repeat(31), 5]) {
      const res = await miss(resident, q)
      expect([q, res.statusCode]).toEqual([q, 400])
      expect(errorCode(res)).toBe('VALIDATION_FAILED')
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/sorting/misses', headers: bearer(resident) })
    expect(list.statusCode).toBe(403)
    const item = await t.app.inject({ method: 'POST', url: '/api/v1/sorting/items', headers: bearer(resident), payload: { name: '新东西', category: 'residual' } })
    expect(item.statusCode).toBe(403)
  })

  test('adding an item validates it and refuses one that exists', async () => {
    const add = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/sorting/items', headers: bearer(staffB), payload: payload as object })
    const exists = await add({ name: '西瓜', category: 'kitchen' })
    expect(exists.statusCode).toBe(409)
    expect(errorCode(exists)).toBe('SORTING_ITEM_EXISTS')
    const aliasTaken = await add({ name: '新瓜', category: 'kitchen', aliases: ['瓜皮'] })
    expect(aliasTaken.statusCode).toBe(409)
    for (const payload of [{ name: '新东西', category: 'trash' }, { name: '', category: 'residual' }, { name: ' 前空格', category: 'residual' }, { name: 'a|b', category: 'residual' }, { name: '新东西', category: 'residual', extra: 1 }, { name: '新东西' }]) {
      const res = await add(payload)
      expect([JSON.stringify(payload), res.statusCode, errorCode(res)]).toEqual([JSON.stringify(payload), 400, 'VALIDATION_FAILED'])
    }
    const first = await add({ name: '猫抓板纸屑', category: 'residual' })
    expect(first.statusCode).toBe(201)
    const twice = await add({ name: '猫抓板纸屑', category: 'residual' })
    expect(twice.statusCode).toBe(409)
  })

  test('misses are rate limited per person', async () => {
    const elder = await login(t.app, 'elder')
    const codes: number[] = []
    for (let i = 0; i < 32; i++) codes.push((await miss(elder, `查不到的东西${i}`)).statusCode)
    expect(codes.slice(0, 30)).toEqual(Array(30).fill(201))
    expect(codes.slice(30)).toEqual([429, 429])
  })
})
