// Tab pages live in the main package; everything not on the first screen is a subpackage per
// domain, so the main package stays small (WeChat loads it before anything shows). The official
// account's menu opens /h5/pages/apply/index and /h5/pages/applications/index: keep those paths.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/applications/index', 'pages/mine/index'],
  subPackages: [
    { root: 'pages/apply', name: 'apply', pages: ['index'] },
    {
      root: 'pages/progress',
      name: 'progress',
      pages: ['detail/index', 'confirm/index', 'document/index', 'messages/index'],
    },
    {
      root: 'pages/account',
      name: 'account',
      pages: ['login/index', 'register/index', 'privacy/index', 'password/index', 'forgot/index'],
    },
    // 认领报装: opened from 我的报装 and from the link in the window clerk's SMS.
    { root: 'pages/applications/claim', name: 'claim', pages: ['index'] },
  ],
  // The new-application form is opened from the home page; fetch its package ahead of the tap.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['apply'] },
    'pages/applications/index': { network: 'all', packages: ['progress'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f6f7',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '用户报装',
    navigationBarTextStyle: 'black',
    // Taro's H5 shows its own title bar (with back and home buttons) only when this is explicit.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#7a7e83',
    selectedColor: '#07c160',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/applications/index',
        text: '我的报装',
        iconPath: 'assets/tabbar/list.png',
        selectedIconPath: 'assets/tabbar/list-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
      },
    ],
  },
});
