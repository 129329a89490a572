import { createHmac, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import sharp from 'sharp'
import type { Actor } from '../../authz'
import { homeCommunityId, isStaff } from '../../authz'
import type { Deps } from '../../context'
import { newUploadId } from '../../crypto'
import { type Queryable } from '../../db'
import { AppError, notFound } from '../../errors'
import { hitLimit } from '../../limits'
import * as repo from './repo'

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'])
const MAX_EDGE = 2560
const THUMB_EDGE = 400
/** Signed URLs last 12 hours, rounded to the hour so the same image keeps one URL (and stays cached) for a while. */
const URL_TTL_MS = 12 * 3600_000

export type UploadSize = 'full' | 'thumb'

/**
 * Domains that attach images (repairs, notices) register who may see what they own.
 * `attached_to` is `kind:id`; the checker answers for one actor.
 */
type VisibilityCheck = (deps: Deps, actor: Actor, id: number) => Promise<boolean>
const visibility = new Map<string, VisibilityCheck>()
export function registerAttachmentVisibility(kind: string, check: VisibilityCheck) {
  visibility.set(kind, check)
}

function filePath(deps: Deps, id: string, size: UploadSize) {
  return path.join(deps.config.dataDir, 'uploads', id.slice(0, 2), size === 'thumb' ? `${id}.thumb.jpg` : `${id}.jpg`)
}

function sign(secret: string, id: string, size: UploadSize, exp: number) {
  return createHmac('sha256', secret).update(`${id}:${size}:${exp}`).digest('base64url').slice(0, 32)
}

type Signer = Pick<Deps, 'secret' | 'now'>

export function signedUrl(deps: Signer, id: string, size: UploadSize): string {
  const exp = Math.ceil((deps.now().getTime() + URL_TTL_MS) / 3600_000) * 3600
  return `/api/v1/uploads/${id}?size=${size}&exp=${exp}&sig=${sign(deps.secret, id, size, exp)}`
}

export function verifySignature(deps: Signer, id: string, size: UploadSize, exp: number, sig: string): boolean {
  if (exp * 1000 < deps.now().getTime()) return false
  const expected = Buffer.from(sign(deps.secret, id, size, exp))
  const given = Buffer.from(sig)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** Uploads per person and per address in ten minutes, counted before the file is read (a refused body is never buffered). */
const UPLOAD_LIMITS = { perIp: 120, perUser: 60, windowSeconds: 600 }

export async function admitUpload(deps: Deps, actor: Actor, ip: string): Promise<void> {
  await hitLimit(deps, `upload:ip:${ip}`, UPLOAD_LIMITS.perIp, UPLOAD_LIMITS.windowSeconds, '上传太频繁，请稍后再试')
  await hitLimit(deps, `upload:user:${actor.userId}`, UPLOAD_LIMITS.perUser, UPLOAD_LIMITS.windowSeconds, '上传太频繁，请稍后再试')
}

/**
 * Accepts a photo only by its bytes (never its name), re-encodes it so nothing but pixels survives:
 * EXIF, GPS and any payload appended to the file are dropped; the EXIF orientation is applied first.
 */
export async function createUpload(deps: Deps, actor: Actor, data: Buffer) {
  const type = await fileTypeFromBuffer(data)
  if (!type || !ACCEPTED.has(type.mime)) throw new AppError(415, 'UNSUPPORTED_IMAGE')
  let full: { data: Buffer; info: sharp.OutputInfo }
  let thumb: Buffer
  try {
    const base = sharp(data, { limitInputPixels: 50_000_000, failOn: 'error' }).rotate()
    full = await base.clone().resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true })
    thumb = await base.clone().resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 72 }).toBuffer()
  } catch {
    const message = type.mime === 'image/heic' || type.mime === 'image/heif' ? '暂时无法读取这张 HEIC 照片，请在相机设置中选择“兼容性最佳”后重拍，或截图后上传' : '图片已损坏或无法读取'
    throw new AppError(415, 'UNSUPPORTED_IMAGE', message)
  }
  const id = newUploadId()
  await fs.mkdir(path.dirname(filePath(deps, id, 'full')), { recursive: true })
  await fs.writeFile(filePath(deps, id, 'full'), full.data)
  await fs.writeFile(filePath(deps, id, 'thumb'), thumb)
  await repo.insertUpload(deps.db, { id, owner_id: actor.userId, community_id: homeCommunityId(actor), mime: 'image/jpeg', size: full.data.length, width: full.info.width, height: full.info.height, attached_to: '', created_at: deps.now().toISOString() })
  return { id, url: signedUrl(deps, id, 'full'), thumbUrl: signedUrl(deps, id, 'thumb'), width: full.info.width, height: full.info.height, size: full.data.length }
}

/**
 * Attaches the caller's own, not yet attached uploads to an object (`kind:id`), in the caller's transaction.
 * Anything else (someone else's photo, one already used, an unknown id) is a 400 that names the problem.
 */
export async function attachUploads(db: Queryable, actor: Actor, uploadIds: string[], target: string): Promise<void> {
  const ids = [...new Set(uploadIds)]
  if (ids.length === 0) return
  if ((await repo.attach(db, actor.userId, ids, target)) !== ids.length) throw new AppError(400, 'VALIDATION_FAILED', '照片无效：请重新上传后再提交')
}

/** Makes `uploadIds` the whole set attached to `target`: others attached before are released (an edit removed them). */
export async function replaceAttachments(db: Queryable, actor: Actor, uploadIds: string[], target: string): Promise<void> {
  await repo.detachExcept(db, target, uploadIds)
  await attachUploads(db, actor, uploadIds, target)
}

/** Signed URLs of the uploads attached to an object, in upload order. */
export async function attachedUrls(deps: Deps, target: string): Promise<{ id: string; url: string; thumbUrl: string }[]> {
  const ids = await repo.attachedIds(deps.db, target)
  return ids.map((id) => ({ id, url: signedUrl(deps, id, 'full'), thumbUrl: signedUrl(deps, id, 'thumb') }))
}

async function mayView(deps: Deps, actor: Actor, row: { owner_id: number; community_id: number | null; attached_to: string }) {
  if (row.owner_id === actor.userId) return true
  if (row.community_id !== null && isStaff(actor, row.community_id)) return true
  const [kind, id] = row.attached_to.split(':')
  const check = kind ? visibility.get(kind) : undefined
  return check ? check(deps, actor, Number(id)) : false
}

/** Returns the file path to send; 404 (not 403) for anything the caller may not see, so ids cannot be probed. */
export async function readUpload(deps: Deps, id: string, size: UploadSize, access: { signed: true } | { signed: false; actor: Actor }) {
  const row = await repo.findUpload(deps.db, id)
  if (!row) throw notFound('图片不存在')
  if (!access.signed && !(await mayView(deps, access.actor, row))) throw notFound('图片不存在')
  return filePath(deps, id, size)
}
