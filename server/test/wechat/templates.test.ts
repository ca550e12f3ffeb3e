import fc from 'fast-check';
import { DEFAULT_OFFICIAL_TEMPLATE, DEFAULT_SUBSCRIBE_TEMPLATE } from '../../../test/stubs/wechatStub';
import { fieldProblem } from '../../../test/stubs/wechatRules';
import { loadConfig } from '../../src/config';
import { compareTemplate, templateKeywords } from '../../src/wechat/templateCheck';
import { EVENT_PHRASES, fitField, templateData } from '../../src/wechat/templates';

const at = new Date('2025-03-05T06:07:00Z');

describe('fitting values into template fields', () => {
  it.each([
    ['thing2', '申请已受理', '申请已受理'],
    ['thing2', '一二三四五六七八九十一二三四五六七八九十一', '一二三四五六七八九十一二三四五六七八九…'],
    ['character_string1', 'BZ2025030514', 'BZ2025030514'],
    ['character_string1', '编号BZ2025-0305/14', 'BZ2025-0305/14'],
    ['phrase3', '待用户确认', '待用户确认'],
    ['phrase3', '合同审批未通过', '合同审批未'],
    ['phrase3', 'OK', '已更新'],
    ['time4', 'ignored', '2025年3月5日 14:07'],
    ['date5', 'ignored', '2025年3月5日 14:07'],
    ['name6', '珠江摩尔国际大厦建设有限公司', '珠江摩尔国际大厦建设'],
    ['thing7', '', '无'],
  ])('%s ← %s', (key, value, expected) => {
    expect(fitField(key, value, at)).toBe(expected);
  });

  it('always produces what WeChat accepts, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'thing1',
          'character_string2',
          'phrase3',
          'time4',
          'date5',
          'name6',
          'short_thing7',
          'number8',
          'letter9',
          'symbol10',
        ),
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        (key, value) => fieldProblem(key, fitField(key, value, at)) === null,
      ),
      { numRuns: 2000 },
    );
  });

  it('has a status word of at most five Chinese characters for every event', () => {
    for (const [event, phrase] of Object.entries(EVENT_PHRASES)) {
      expect([event, fieldProblem('phrase1', phrase)]).toEqual([event, null]);
    }
  });

  it('maps the configured fields to values', () => {
    const data = templateData(
      { character_string1: 'number', thing2: 'title', phrase3: 'phrase', time4: 'at', thing5: 'name' },
      {
        event: 'budget_to_confirm',
        number: 'BZ2025030514',
        name: '珠江摩尔',
        title: '请确认施工图和预算',
        text: '',
        stateLabel: '待用户确认',
        at,
      },
    );
    expect(data).toEqual({
      character_string1: { value: 'BZ2025030514' },
      thing2: { value: '请确认施工图和预算' },
      phrase3: { value: '待确认' },
      time4: { value: '2025年3月5日 14:07' },
      thing5: { value: '珠江摩尔' },
    });
  });
});

describe('reading and checking the account templates', () => {
  it('reads keywords and labels from content as both consoles list it', () => {
    expect(templateKeywords('业务编号{{character_string1.DATA}}\n办理状态：{{phrase3.DATA}}\n')).toEqual([
      { key: 'character_string1', label: '业务编号' },
      { key: 'phrase3', label: '办理状态' },
    ]);
    // The official account's documentation shows the braces spaced apart.
    expect(templateKeywords('{ {result.DATA} }\n\n领奖金额:{ {withdrawMoney.DATA} }')).toEqual([
      { key: 'result', label: '' },
      { key: 'withdrawMoney', label: '领奖金额' },
    ]);
  });

  it('finds the shipped keyword maps consistent with templates that have exactly those keywords', () => {
    const config = loadConfig({ DATA_DIR: 'data/test/templates-unit', JWT_SECRET: 'x'.repeat(40) });
    const { subscribe, official } = config.wechat.templates;
    expect(compareTemplate('订阅', 'S', 'T1', DEFAULT_SUBSCRIBE_TEMPLATE, subscribe.fields, '列表').ok).toBe(true);
    expect(compareTemplate('模板', 'O', 'T2', DEFAULT_OFFICIAL_TEMPLATE, official.fields, '列表').ok).toBe(true);
  });

  it('cannot fill a keyword type none of our values suits, and says to pick another template', () => {
    const finding = compareTemplate('订阅', 'S', 'T1', { title: '缴费', content: '金额{{amount1.DATA}}' }, {}, '列表');
    expect(finding).toMatchObject({ ok: false, fix: null });
    expect(finding.lines.join('\n')).toContain('请换一个模板');
  });
});
