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
    list: [
      { pagePath: 'pages/home/index', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png', text: '首页' },
      { pagePath: 'pages/notices/index', iconPath: 'assets/tab/notices.png', selectedIconPath: 'assets/tab/notices-active.png', text: '公告' },
      { pagePath: 'pages/repairs/index', iconPath: 'assets/tab/repairs.png', selectedIconPath: 'assets/tab/repairs-active.png', text: '报修' },
      { pagePath: 'pages/me/index', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png', text: '我的' },
    ],
  },
})
