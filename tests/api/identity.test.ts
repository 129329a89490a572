import { bearer, build, errorCode, login, type TestApp } from './helper'

let t: TestApp
beforeAll(async () => {
  t = await build()
})
afterAll(async () => t.close())

test('401 without a token, with a clear code', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' })
  expect(res.statusCode).toBe(401)
  expect(errorCode(res)).toBe('UNAUTHENTICATED')
})

test('demo login gives the persona its household and roles', async () => {
  const token = await login(t.app, 'rep')
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })
  expect(res.statusCode).toBe(200)
  const me = res.json()
  expect(me.community.slug).toBe('lvyuan')
  expect(me.community.city).toBe('shanghai')
  expect(me.households).toHaveLength(1)
  expect(me.roles).toEqual([{ role: 'rep', communityId: me.community.id, buildingId: me.households[0].buildingId }])
})

describe('PATCH /me', () => {
  const patch = (token: string, payload: unknown) => t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(token), payload: payload as object })
  const me = async (token: string) => (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).json()

  test('careMode:true persists, for this session and the next', async () => {
    const token = await login(t.app, 'resident')
    expect((await me(token)).user.careMode).toBe(false)
    const res = await patch(token, { careMode: true })
    expect(res.statusCode).toBe(200)
    expect(res.json().user.careMode).toBe(true)
    expect((await me(token)).user.careMode).toBe(true)
    expect((await me(await login(t.app, 'resident'))).user.careMode).toBe(true)

    expect((await patch(token, { careMode: false })).statusCode).toBe(200)
    expect((await me(token)).user.careMode).toBe(false)
  })

  test('the seeded elder starts in care mode', async () => {
    expect((await me(await login(t.app, 'elder'))).user.careMode).toBe(true)
  })

  test('displayName is trimmed, and a blank one keeps the old name', async () => {
    const token = await login(t.app, 'rep')
    const res = await patch(token, { displayName: '  李师傅  ' })
    expect(res.statusCode).toBe(200)
    expect((await me(token)).user.displayName).toBe('李师傅')
    expect((await patch(token, { displayName: '   ' })).statusCode).toBe(200)
    expect((await me(token)).user.displayName).toBe('李师傅')
    // Changing the name does not touch care mode.
    expect((await me(token)).user.careMode).toBe(false)
  })

  test('an unknown field is 400 VALIDATION_FAILED, and nothing in the body is applied', async () => {
    const token = await login(t.app, 'worker')
    const unknown = await patch(token, { nickname: '阿赵' })
    expect(unknown.statusCode).toBe(400)
    expect(errorCode(unknown)).toBe('VALIDATION_FAILED')
    expect(unknown.json().error.message).toBe('不支持的字段：nickname')

    const mixed = await patch(token, { careMode: true, theme: 'dark' })
    expect(mixed.statusCode).toBe(400)
    expect(errorCode(mixed)).toBe('VALIDATION_FAILED')
    expect((await me(token)).user.careMode).toBe(false)
  })

  test('an empty patch, a wrong type or a too long name is 400', async () => {
    const token = await login(t.app, 'worker')
    // JSON bodies are not coerced: null, "true" and 1 are not booleans, 5 is not a name.
    for (const payload of [{}, { careMode: 'maybe' }, { careMode: [true, false] }, { careMode: null }, { careMode: 'true' }, { careMode: 1 }, { displayName: 5 }, { displayName: '' }, { displayName: '名'.repeat(21) }]) {
      const res = await patch(token, payload)
      expect(res.statusCode).toBe(400)
      expect(errorCode(res)).toBe('VALIDATION_FAILED')
    }
    expect((await patch(token, { displayName: '名'.repeat(21) })).json().error.message).toBe('昵称最多 20 个字')
    expect((await patch(token, { careMode: null })).json().error.message).toBe('长辈模式格式不正确')
    const after = await me(token)
    expect(after.user).toMatchObject({ displayName: '赵师傅', careMode: false })
  })

  test('needs a session', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { careMode: true } })
    expect(res.statusCode).toBe(401)
    expect(errorCode(res)).toBe('UNAUTHENTICATED')
  })
})
