const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

function section(n: number): string {
  let text = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      zero = text !== '';
    } else {
      text += (zero ? '零' : '') + DIGITS[d] + UNITS[i];
      zero = false;
    }
  }
  return text;
}

/** 人民币大写 as printed on budget books: 12345.6 → 壹万贰仟叁佰肆拾伍元陆角整. */
export function rmbUpper(amount: number): string {
  if (!Number.isFinite(amount) || amount < 0) {
    return '';
  }
  const cents = Math.round(amount * 100);
  let yuan = Math.floor(cents / 100);
  const jiao = Math.floor(cents / 10) % 10;
  const fen = cents % 10;
  let text = '';
  let index = 0;
  let needZero = false;
  while (yuan > 0) {
    const part = yuan % 10000;
    if (part > 0) {
      text = section(part) + SECTIONS[index] + (needZero ? '零' : '') + text;
      needZero = part < 1000;
    } else {
      needZero = text !== '';
    }
    yuan = Math.floor(yuan / 10000);
    index++;
  }
  text = text.replace(/^零+/, '');
  const integer = text ? `${text}元` : '';
  if (jiao === 0 && fen === 0) {
    return `${integer || '零元'}整`;
  }
  const decimal = `${jiao ? `${DIGITS[jiao]}角` : integer ? '零' : ''}${fen ? `${DIGITS[fen]}分` : '整'}`;
  return integer + decimal;
}

export const money = (v: number | null | undefined): string =>
  v === null || v === undefined ? '' : v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
