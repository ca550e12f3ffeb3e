export default definePageConfig({
  navigationBarTitleText: '新增报装',
});
