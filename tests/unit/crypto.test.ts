import { hashInviteCode, hashPassword, newInviteCode, verifyPassword } from '../../server/crypto'

test('a password verifies only against its own hash', async () => {
  const hash = await hashPassword('correct horse')
  expect(hash).toMatch(/^scrypt\$/)
  await expect(verifyPassword('correct horse', hash)).resolves.toBe(true)
  await expect(verifyPassword('correct horsE', hash)).resolves.toBe(false)
  await expect(verifyPassword('x', 'garbage')).resolves.toBe(false)
})

test('invite codes avoid look-alike characters and match case-insensitively', () => {
  const codes = new Set(Array.from({ length: 200 }, newInviteCode))
  expect(codes.size).toBe(200)
  for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
  expect(hashInviteCode(' ab3k ')).toBe(hashInviteCode('AB3K'))
})
