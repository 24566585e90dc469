import { describe, expect, it } from 'vitest';
import {
  evaluationDraftSchema,
  limitedText,
  normalizeNumberText,
  optionalMoneyText,
  optionalNumberText,
} from './form-schema';

describe('normalizeNumberText: what an IME or a copied report gives, as the number it means', () => {
  it.each([
    ['９６', '96'],
    ['９６．５', '96.5'],
    ['96%', '96'],
    ['96％', '96'],
    ['９８ ％', '98'],
    ['1,000', '1000'],
    ['1，000', '1000'],
    ['12,345,678.25', '12345678.25'],
    ['  42  ', '42'],
    ['\u3000４２\u3000', '42'],
    ['', ''],
  ])('%j → %j', (typed, plain) => {
    expect(normalizeNumberText(typed)).toBe(plain);
  });

  it('leaves what is not a grouped number as typed, for the schema to refuse', () => {
    expect(normalizeNumberText('1,5')).toBe('1,5');
    expect(normalizeNumberText('10,00')).toBe('10,00');
    expect(normalizeNumberText('两场')).toBe('两场');
    expect(normalizeNumberText('%96')).toBe('%96');
  });

  it('keeps a percent sign on money, which has none', () => {
    expect(normalizeNumberText('20%', { percent: false })).toBe('20%');
  });
});

describe('the shared schema normalises, then validates', () => {
  it('accepts the forgiving forms as plain decimals', () => {
    expect(optionalNumberText.parse('９６％')).toBe('96');
    expect(optionalNumberText.parse(' 1,000 ')).toBe('1000');
    expect(optionalMoneyText.parse('１，２３４．５６')).toBe('1234.56');
  });

  it('still refuses what is not a number, with the same messages', () => {
    expect(optionalNumberText.safeParse('1,5').error?.issues[0].message).toBe('请输入数字，如 95 或 95.5');
    expect(optionalNumberText.safeParse('－５').error?.issues[0].message).toBe('不能为负数');
    expect(optionalMoneyText.safeParse('20%').error?.issues[0].message).toBe('请输入金额（万元），如 20 或 20.50');
  });

  it('refuses a text over its limit with the length, keeping nothing hidden', () => {
    expect(limitedText(5).safeParse('一二三四五六七').error?.issues[0].message).toBe(
      '不能超过5字（现有7字），请删减后再保存',
    );
    expect(limitedText(5).parse('一二三四五')).toBe('一二三四五');
  });

  it('hands the server the normalised draft', () => {
    const draft = evaluationDraftSchema.parse({
      evaluationId: 1,
      version: 1,
      budgetAdjusted: '２０',
      budgetExecuted: '1,021.5 ',
      budgetExplanation: '',
      goalActual: '',
      indicators: [
        {
          indicatorId: 7,
          value: '９９%',
          parts: ['１', ' 2 '],
          tier: '',
          percent: '75％',
          explanation: '',
          deduction: { enabled: true, score: '１２', reason: '佐证不全' },
        },
      ],
    });
    expect([draft.budgetAdjusted, draft.budgetExecuted]).toEqual(['20', '1021.5']);
    expect(draft.indicators[0]).toMatchObject({ value: '99', parts: ['1', '2'], percent: '75' });
    expect(draft.indicators[0].deduction.score).toBe('12');
  });

  it('names the judgment deduction 调减 in its messages', () => {
    const result = evaluationDraftSchema.shape.indicators.element.shape.deduction.safeParse({
      enabled: true,
      score: '',
      reason: ' ',
    });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['请填写调减后得分', '请填写调减理由']);
  });
});
