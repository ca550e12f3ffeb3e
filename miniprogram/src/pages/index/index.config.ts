export default definePageConfig({
  navigationBarTitleText: '用户报装',
});
