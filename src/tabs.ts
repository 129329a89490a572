/** The tab bar, in order: app.config.ts builds it from this list and badges find their tab in it. */
export const TABS = [
  { pagePath: 'pages/home/index', icon: 'home', text: '首页' },
  { pagePath: 'pages/notices/index', icon: 'notices', text: '公告' },
  { pagePath: 'pages/repairs/index', icon: 'repairs', text: '报修' },
  { pagePath: 'pages/me/index', icon: 'me', text: '我的' },
] as const

export type TabPage = (typeof TABS)[number]['pagePath']

export const TAB_PAGES: readonly TabPage[] = TABS.map((t) => t.pagePath)
