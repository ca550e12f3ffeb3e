export default definePageConfig({
  navigationBarTitleText: '我的报装',
  enablePullDownRefresh: true,
});
