import type { FastifyError, FastifyInstance } from 'fastify'
import { ERROR_MESSAGES, type ErrorCode } from '../../types/errors'
import { AppError } from '../errors'

const FIELD_NAMES: Record<string, string> = {
  phone: '手机号',
  password: '密码',
  inviteCode: '邀请码',
  relation: '与房屋的关系',
  displayName: '昵称',
  persona: '演示身份',
  code: '登录凭证',
  careMode: '长辈模式',
  householdIds: '房屋',
  validDays: '有效天数',
  userId: '用户',
  role: '身份',
  buildingId: '楼栋',
  buildingIds: '楼栋',
  granted: '授予或撤销',
  id: '编号',
  cursor: '翻页参数',
  limit: '每页数量',
  category: '类别',
  description: '问题描述',
  urgency: '紧急程度',
  location: '位置',
  assigneeId: '维修师傅',
  action: '操作',
  note: '说明',
  overall: '总体评分',
  speed: '速度评分',
  attitude: '态度评分',
  photoIds: '照片',
  contactPhone: '联系电话',
  preferredTime: '上门时间',
}

function describeValidation(err: FastifyError): string {
  const first = err.validation?.[0]
  if (!first) return ERROR_MESSAGES.VALIDATION_FAILED
  const params = first.params as Record<string, unknown>
  if (first.keyword === 'additionalProperties') return `不支持的字段：${String(params.additionalProperty)}`
  const field = (first.keyword === 'required' ? String(params.missingProperty) : first.instancePath.split('/').filter(Boolean).pop()) ?? ''
  const name = FIELD_NAMES[field] ?? field
  switch (first.keyword) {
    case 'required':
      return `缺少必填项：${name}`
    case 'maxLength':
      return `${name}最多 ${String(params.limit)} 个字`
    case 'minLength':
      return `${name}至少 ${String(params.limit)} 个字`
    case 'pattern':
    case 'type':
    case 'format':
      return `${name}格式不正确`
    case 'enum':
      return `${name}的取值无效`
    default:
      return name ? `${name}不符合要求` : ERROR_MESSAGES.VALIDATION_FAILED
  }
}

function send(reply: import('fastify').FastifyReply, status: number, code: ErrorCode, message?: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message: message ?? ERROR_MESSAGES[code], ...(details === undefined ? {} : { details }) } })
}

/** The one error path of the server: every failure leaves as `{error: {code, message}}`; 5xx never shows internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return send(reply, err.statusCode, err.code, err.message, err.details)
    if (err.validation) return send(reply, 400, 'VALIDATION_FAILED', describeValidation(err))
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, 415, 'UNSUPPORTED_MEDIA_TYPE')
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_PARTS_LIMIT':
      case 'FST_FILES_LIMIT':
      case 'FST_FIELDS_LIMIT':
        return send(reply, 413, 'PAYLOAD_TOO_LARGE')
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, 400, 'BAD_JSON')
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传图片')
    }
    if (err instanceof SyntaxError && err.statusCode === 400) return send(reply, 400, 'BAD_JSON')
    const status = err.statusCode ?? 500
    if (status === 429) return send(reply, 429, 'RATE_LIMITED')
    if (status === 413) return send(reply, 413, 'PAYLOAD_TOO_LARGE')
    if (status === 415) return send(reply, 415, 'UNSUPPORTED_MEDIA_TYPE')
    if (status >= 400 && status < 500) return send(reply, status, status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED')
    request.log.error({ err }, 'unhandled error')
    return send(reply, 500, 'INTERNAL')
  })
  app.setNotFoundHandler((_request, reply) => send(reply, 404, 'NOT_FOUND'))
}
