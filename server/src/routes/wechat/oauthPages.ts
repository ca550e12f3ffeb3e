/**
 * The two pages the web-login callback shows instead of logging anyone in. Plain server-rendered
 * HTML: the H5 app is not loaded yet, and a snapshot page (快照页) cannot run much script anyway.
 */

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, paragraphs: string[], action: { label: string; href: string } | null): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f7;color:#1f2329}
main{margin:48px 20px;padding:28px 20px;background:#fff;border-radius:12px;text-align:center}
h1{font-size:20px;margin:0 0 16px}
p{font-size:15px;line-height:1.7;color:#4e5969;margin:8px 0}
a.btn{display:block;margin-top:24px;padding:12px;border-radius:8px;background:#07c160;color:#fff;text-decoration:none;font-size:16px}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action ? `<a class="btn" href="${escapeHtml(action.href)}">${escapeHtml(action.label)}</a>` : ''}
</main>
</body>
</html>`;
}

/** The callback came without this browser's login cookie, with another one, or too late. */
export function staleLoginPage(restartHref: string): string {
  return page(
    '登录链接已失效',
    ['这个登录链接已过期，或不是在本微信中发起的。为保护您的账号，本次没有登录。', '请点击下方按钮重新登录，或返回公众号从菜单重新进入。'],
    { label: '重新登录', href: restartHref },
  );
}

/** A visitor on a 朋友圈 snapshot page: WeChat shows the page without the person, so nobody is logged in. */
export function snapshotPage(): string {
  return page(
    '请打开完整页面',
    [
      '您正在浏览朋友圈中的页面快照，在快照中无法登录和办理业务。',
      '请点击屏幕下方的「使用完整服务」打开完整页面，或关注公众号后从菜单「综合服务 → 用户报装查询」进入。',
    ],
    null,
  );
}
