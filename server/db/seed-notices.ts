import type { NoticeCategory } from '../../types/notices'
import type { Tx } from './index'

const HOUR = 3600_000

/** A few notices in each demo compound, so the list, the archive and the follow-up page have something real. */
export async function seedDemoNotices(tx: Tx, now: Date): Promise<void> {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR).toISOString()
  const communities = await tx.selectFrom('communities').select(['id', 'slug']).orderBy('id').execute()
  for (const c of communities) {
    const author = await tx
      .selectFrom('role_grants')
      .select('user_id')
      .where('community_id', '=', c.id)
      .where('role', '=', 'staff')
      .orderBy('id')
      .executeTakeFirst()
    if (!author) continue
    const firstBuilding = await tx.selectFrom('buildings').select(['id', 'name']).where('community_id', '=', c.id).orderBy('sort').executeTakeFirstOrThrow()
    const plan: { title: string; category: NoticeCategory; pinned: number; ack: number; hoursAgo: number; building: boolean; expired: boolean; body: string }[] =
      c.slug === 'lvyuan'
        ? [
            { title: '关于小区电梯年度检验的通知', category: 'property', pinned: 1, ack: 0, hoursAgo: 30, building: false, expired: false,
              body: '各位业主：\n本小区电梯将于下周一至周三进行年度检验，每部电梯停用约 2 小时，具体时间见电梯厅张贴。\n给您带来不便，敬请谅解。如有疑问请致电物业服务中心。' },
            { title: `${firstBuilding.name}本周六上午停水`, category: 'outage', pinned: 0, ack: 1, hoursAgo: 3, building: true, expired: false,
              body: '因二次供水设备维护，本周六 8:00–12:00 停水，请提前储水。\n恢复供水初期水质可能浑浊，请放水 1–2 分钟后再使用。' },
            { title: '重阳节敬老茶话会报名', category: 'event', pinned: 0, ack: 0, hoursAgo: 50, building: false, expired: false,
              body: '社区将于本月 28 日下午 2 点在活动室举办敬老茶话会，欢迎 65 岁以上的长辈参加，请到物业服务中心或联系楼栋长报名。' },
            { title: '十月物业费缴纳提醒', category: 'fees', pinned: 0, ack: 0, hoursAgo: 24 * 40, building: false, expired: true,
              body: '十月物业费已开始收缴，可在物业服务中心现场缴纳。' },
          ]
        : [
            { title: '垃圾分类宣传周', category: 'event', pinned: 0, ack: 0, hoursAgo: 5, building: false, expired: false,
              body: '本周为垃圾分类宣传周，每天晚上 7 点在小区广场有志愿者讲解厨余垃圾和其他垃圾的区别。' },
          ]
    for (const n of plan) {
      const row = await tx
        .insertInto('notices')
        .values({
          community_id: c.id,
          author_id: author.user_id,
          scope: n.building ? 'building' : 'community',
          category: n.category,
          title: n.title,
          body: n.body,
          pinned: n.pinned,
          requires_ack: n.ack,
          publish_at: at(n.hoursAgo),
          expire_at: n.expired ? at(n.hoursAgo - 24 * 10) : null,
          created_at: at(n.hoursAgo),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (n.building) await tx.insertInto('notice_buildings').values({ notice_id: row.id, building_id: firstBuilding.id }).execute()
    }
  }
}
