export default definePageConfig({
  navigationBarTitleText: '认领报装',
});
