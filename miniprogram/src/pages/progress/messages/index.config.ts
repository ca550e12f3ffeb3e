export default definePageConfig({
  navigationBarTitleText: '进度消息',
  enablePullDownRefresh: true,
});
