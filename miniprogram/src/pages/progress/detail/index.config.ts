export default definePageConfig({
  navigationBarTitleText: '报装详情',
  enablePullDownRefresh: true,
});
