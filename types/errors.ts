/**
 * Every error code the API can answer with, and its default Chinese message.
 * The client shows `message` from the response; this table is the fallback when there is none.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '提交的内容不符合要求',
  BAD_JSON: '请求内容不是有效的 JSON',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  UNSUPPORTED_IMAGE: '只支持 JPEG、PNG、WebP 或 HEIC 格式的照片',
  PAYLOAD_TOO_LARGE: '内容太大了',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '找不到要访问的内容',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONFLICT: '操作与当前状态冲突',
  INVALID_CREDENTIALS: '手机号或密码不正确',
  PHONE_TAKEN: '该手机号已注册，请直接登录',
  INVITE_INVALID: '邀请码无效或已过期，请联系物业或楼栋长重新获取',
  ALREADY_BOUND: '您已绑定该房屋',
  DEMO_DISABLED: '演示登录未开启',
  WECHAT_NOT_CONFIGURED: '未配置微信登录，请使用手机号登录',
  WECHAT_LOGIN_FAILED: '微信登录失败，请稍后重试',
  IMPORT_INVALID: '导入文件有错误，未导入任何数据',
  NOTICE_NO_ACK_NEEDED: '这条公告不需要确认收到',
  REMIND_TOO_SOON: '一小时内已经提醒过了，请稍后再试',
  INVALID_SCHEDULE: '时间设置不正确',
  INTERNAL: '服务器开小差了，请稍后再试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown }
}
