import { WECHAT_SI_PLUGIN, wechatSIEnabled } from '../config/wechat-si'
import { TABS } from './tabs'

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/notices/index',
    'pages/notices/detail',
    'pages/repairs/index',
    'pages/repairs/new',
    'pages/repairs/detail',
    'pages/me/index',
    'pages/polls/index',
    'pages/polls/detail',
    'pages/login/index',
    'pages/bind-household/index',
    'pages/messages/index',
    'pages/messages/settings',
    'pages/welcome/index',
  ],
  subPackages: [
    {
      // The sorting guide (its dictionary is downloaded and kept in storage, never bundled) and its staff page.
      root: 'packages/sorting',
      pages: ['index', 'staff'],
    },
    {
      // Consoles for property staff, building representatives and repair workers.
      root: 'packages/staff',
      pages: [
        'notice-edit',
        'notice-receipts',
        'poll-edit',
        'poll-console',
        'repair-queue',
        'repair-jobs',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0b6e4f',
    navigationBarTitleText: '邻里通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f5',
  },
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#0b6e4f',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS.map((t) => ({ pagePath: t.pagePath, iconPath: `assets/tab/${t.icon}.png`, selectedIconPath: `assets/tab/${t.icon}-active.png`, text: t.text })),
  },
  ...(process.env.TARO_ENV === 'weapp' && wechatSIEnabled() ? { plugins: { WechatSI: WECHAT_SI_PLUGIN } } : {}),
})
