import { createHash, randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))))
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Session tokens are random and opaque; only their hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

const SCRYPT = { N: 16384, r: 8, p: 1 }

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, 32, SCRYPT)
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return timingSafeEqual(expected, actual)
}

// No 0/O, 1/I/L: codes are read aloud and typed from paper.
const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

export function newInviteCode(): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]
  return code
}

export function hashInviteCode(code: string): string {
  return sha256(`invite:${code.trim().toUpperCase()}`)
}

export function newUploadId(): string {
  return randomBytes(16).toString('hex')
}
