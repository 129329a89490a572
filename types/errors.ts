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
  POLL_NOT_OPEN: '投票尚未开始',
  POLL_CLOSED: '投票已截止',
  POLL_CANCELLED: '投票已取消',
  POLL_NOT_DRAFT: '投票已发布，不能再次发布',
  POLL_RESULTS_HIDDEN: '投票结束后才公布结果',
  NOT_ELIGIBLE: '您的房屋不在本次投票范围内，或本次投票仅限业主',
  INVALID_CHOICES: '所选选项无效',
  HOUSEHOLD_REQUIRED: '您有多套房屋可以投票，请选择代表哪一户投票',
  BALLOT_EXISTS_APP: '该户已在手机上投票；如确需以纸质票替换，请勾选覆盖并填写原因',
  REPAIR_ILLEGAL_TRANSITION: '工单当前状态下不能进行此操作，请刷新后查看最新进度',
  REPAIR_REOPEN_EXPIRED: '工单修好已超过 7 天，不能再重新处理；如仍有问题请重新报修',
  REPAIR_URGE_TOO_SOON: '30 分钟内已经催过单了，物业会尽快处理，请稍后再试',
  REPAIR_URGE_CLOSED: '工单已处理完毕，不需要再催单',
  REPAIR_ALREADY_RATED: '您已经评价过这张工单了',
  REPAIR_NOT_RATABLE: '工单修好之后才能评价',
  REPAIR_NOT_PUBLIC: '只有公共区域的报修可以点“我也遇到了”',
  REPAIR_IDEMPOTENCY_MISMATCH: '这次提交与之前的报修内容不同，请刷新页面后重新填写',
  REPAIR_INVALID_ASSIGNEE: '只能派给本小区的维修师傅',
  REPAIR_HOUSEHOLD_REQUIRED: '报修自家问题需要先绑定房屋',
  SORTING_SCHEDULE_INVALID: '投放时间设置不正确',
  SORTING_ITEM_EXISTS: '词典里已经有这个物品了',
  STORAGE_UNAVAILABLE: '暂时无法保存，请稍后再试',
  INTERNAL: '服务器开小差了，请稍后再试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown }
}
