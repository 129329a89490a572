import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { bearer, build, errorCode, login, type TestApp } from './helper'
import { photoWithGps, upload } from './fixtures'

jest.setTimeout(20_000)

let t: TestApp
let resident: string
beforeAll(async () => {
  t = await build()
  resident = await login(t.app, 'resident')
})
afterAll(async () => t.close())

const uploadCount = async () => Number((await t.app.deps.db.selectFrom('uploads').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

interface Uploaded {
  id: string
  url: string
  thumbUrl: string
  width: number
  height: number
  size: number
}

let photo: Uploaded
beforeAll(async () => {
  const res = await upload(t.app, resident, await photoWithGps())
  expect(res.statusCode).toBe(201)
  photo = res.json()
})

describe('upload and fetch', () => {
  test('a JPEG with GPS comes back 201, and the stored image has no EXIF at all', async () => {
    const original = await photoWithGps()
    const before = await sharp(original).metadata()
    expect(before.exif).toBeInstanceOf(Buffer)
    expect(before.exif!.toString('latin1')).toContain('LinliTestCam')

    expect(photo).toMatchObject({ id: expect.stringMatching(/^[a-f0-9]{32}$/), width: 64, height: 48 })
    expect(photo.size).toBeGreaterThan(0)
    expect(photo.url).toMatch(new RegExp(`^/api/v1/uploads/${photo.id}\\?size=full&exp=\\d+&sig=[A-Za-z0-9_-]{32}$`))

    // The signed URL works without a session.
    const res = await t.app.inject({ method: 'GET', url: photo.url })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/jpeg')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.rawPayload.length).toBe(photo.size)
    const meta = await sharp(res.rawPayload).metadata()
    expect(meta.format).toBe('jpeg')
    expect([meta.width, meta.height]).toEqual([64, 48])
    expect(meta.exif).toBeUndefined()
    expect(res.rawPayload.includes(Buffer.from('LinliTestCam'))).toBe(false)

    const thumb = await t.app.inject({ method: 'GET', url: photo.thumbUrl })
    expect(thumb.statusCode).toBe(200)
    expect((await sharp(thumb.rawPayload).metadata()).exif).toBeUndefined()
  })

  test('a PNG is accepted and stored as JPEG; a large photo is scaled down and the thumbnail is small', async () => {
    const png = await sharp({ create: { width: 3000, height: 1500, channels: 4, background: { r: 0, g: 128, b: 255, alpha: 1 } } }).png().toBuffer()
    const res = await upload(t.app, resident, png, { filename: 'screen.png', contentType: 'image/png' })
    expect(res.statusCode).toBe(201)
    const body = res.json() as Uploaded
    expect([body.width, body.height]).toEqual([2560, 1280])
    const full = await t.app.inject({ method: 'GET', url: body.url })
    expect((await sharp(full.rawPayload).metadata()).format).toBe('jpeg')
    const thumb = await sharp((await t.app.inject({ method: 'GET', url: body.thumbUrl })).rawPayload).metadata()
    expect([thumb.width, thumb.height]).toEqual([400, 200])
  })

  test('the EXIF orientation is applied before it is dropped', async () => {
    const rotated = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#336699' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    const res = await upload(t.app, resident, rotated)
    expect(res.statusCode).toBe(201)
    expect([res.json().width, res.json().height]).toEqual([20, 40])
  })

  test('without a signature: the uploader and the compound’s staff may fetch it, the other compound gets 404', async () => {
    const plain = `/api/v1/uploads/${photo.id}`
    const own = await t.app.inject({ method: 'GET', url: plain, headers: bearer(resident) })
    expect(own.statusCode).toBe(200)
    expect((await sharp(own.rawPayload).metadata()).format).toBe('jpeg')
    expect((await t.app.inject({ method: 'GET', url: `${plain}?size=thumb`, headers: bearer(resident) })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: plain, headers: bearer(await login(t.app, 'staff')) })).statusCode).toBe(200)

    for (const persona of ['resident_b', 'staff_b', 'elder'] as const) {
      const res = await t.app.inject({ method: 'GET', url: plain, headers: bearer(await login(t.app, persona)) })
      expect(res.statusCode).toBe(404)
      expect(errorCode(res)).toBe('NOT_FOUND')
    }
    const anon = await t.app.inject({ method: 'GET', url: plain })
    expect(anon.statusCode).toBe(401)
    expect(errorCode(anon)).toBe('UNAUTHENTICATED')
  })

  test('a tampered, expired or mismatched signature does not open the image', async () => {
    const url = new URL(photo.url, 'http://x')
    const sig = url.searchParams.get('sig')!
    const exp = Number(url.searchParams.get('exp'))
    const thumbSig = new URL(photo.thumbUrl, 'http://x').searchParams.get('sig')!
    const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`
    const variants = [
      `/api/v1/uploads/${photo.id}?size=full&exp=${exp}&sig=${flipped}`,
      `/api/v1/uploads/${photo.id}?size=full&exp=${exp + 3600}&sig=${sig}`,
      `/api/v1/uploads/${photo.id}?size=full&exp=${Math.floor(Date.now() / 1000) - 60}&sig=${sig}`,
      `/api/v1/uploads/${photo.id}?size=full&exp=${exp}&sig=${thumbSig}`,
      `/api/v1/uploads/${photo.id}?size=full&exp=${exp}&sig=${sig.slice(0, 31)}`,
    ]
    for (const v of variants) {
      const anon = await t.app.inject({ method: 'GET', url: v })
      expect(anon.statusCode).toBe(401)
      expect(errorCode(anon)).toBe('UNAUTHENTICATED')
      // With a session, it falls back to the ordinary access check.
      expect((await t.app.inject({ method: 'GET', url: v, headers: bearer(await login(t.app, 'resident_b')) })).statusCode).toBe(404)
    }
    // A signature of one image does not open another.
    const other = await upload(t.app, await login(t.app, 'elder'), await photoWithGps(10, 10))
    expect(other.statusCode).toBe(201)
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${other.json().id}?size=full&exp=${exp}&sig=${sig}` })
    expect(res.statusCode).toBe(401)
  })

  test('an id that does not exist is 404, an id that is not one is 400', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${'0'.repeat(32)}`, headers: bearer(resident) })
    expect(res.statusCode).toBe(404)
    expect(errorCode(res)).toBe('NOT_FOUND')
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/uploads/..%2F..%2Fetc%2Fpasswd', headers: bearer(resident) })
    expect(bad.statusCode).toBe(400)
    expect(errorCode(bad)).toBe('VALIDATION_FAILED')
  })
})

describe('refused uploads', () => {
  test('a PHP script named photo.jpg and sent as image/jpeg is 415 UNSUPPORTED_IMAGE and stored nowhere', async () => {
    const before = await uploadCount()
    const res = await upload(t.app, resident, Buffer.from('<?php echo shell_exec($_GET["c"]); ?>\n'))
    expect(res.statusCode).toBe(415)
    expect(errorCode(res)).toBe('UNSUPPORTED_IMAGE')
    expect(await uploadCount()).toBe(before)
  })

  test('a file that starts like a JPEG but is not one is 415 UNSUPPORTED_IMAGE', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(200, 0x41)])
    const res = await upload(t.app, resident, fake)
    expect(res.statusCode).toBe(415)
    expect(errorCode(res)).toBe('UNSUPPORTED_IMAGE')
  })

  test('a GIF is not accepted', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer()
    const res = await upload(t.app, resident, gif, { filename: 'a.jpg', contentType: 'image/jpeg' })
    expect(res.statusCode).toBe(415)
    expect(errorCode(res)).toBe('UNSUPPORTED_IMAGE')
  })

  test('a file over 10 MB is 413 PAYLOAD_TOO_LARGE and nothing is stored', async () => {
    const before = await uploadCount()
    const jpeg = await photoWithGps()
    const big = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024 + 1 - jpeg.length, 0)])
    expect(big.length).toBe(10 * 1024 * 1024 + 1)
    const res = await upload(t.app, resident, big)
    expect(res.statusCode).toBe(413)
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE')
    expect(await uploadCount()).toBe(before)
  })

  test('a file of exactly 10 MB is still accepted', async () => {
    const jpeg = await photoWithGps()
    const res = await upload(t.app, resident, Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024 - jpeg.length, 0)]))
    expect(res.statusCode).toBe(201)
    // Whatever followed the image is gone.
    expect(res.json().size).toBeLessThan(10_000)
  })

  test('no session is 401; a JSON body is 415; a form without a file is 400', async () => {
    const anon = await upload(t.app, null, await photoWithGps())
    expect(anon.statusCode).toBe(401)
    expect(errorCode(anon)).toBe('UNAUTHENTICATED')

    const json = await t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: bearer(resident), payload: { file: 'data:image/jpeg;base64,AAAA' } })
    expect(json.statusCode).toBe(415)
    expect(errorCode(json)).toBe('UNSUPPORTED_MEDIA_TYPE')

    const boundary = '----linliNoFile'
    const fieldOnly = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`)
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...bearer(resident), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: fieldOnly })
    expect(empty.statusCode).toBe(400)
    expect(errorCode(empty)).toBe('VALIDATION_FAILED')
  })

  test('stored files are only the re-encoded ones', async () => {
    const dir = path.join(t.config.dataDir, 'uploads')
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.jpg'))
    // Every upload row has a full image and a thumbnail on disk, and nothing else is there.
    expect(files).toHaveLength((await uploadCount()) * 2)
    expect(files).toContainEqual(expect.stringContaining(photo.id))
  })
})
