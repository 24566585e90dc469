export const SCHEME_LABELS: Record<string, string> = {
  national: '全国通用方案（财预〔2020〕10号）',
  hubei: '湖北方案（预算 20 · 产出 40 · 效益 30 · 满意度 10）',
  integrated: '一体化平台方案（超额扣 2 分 · 执行率低于 80/70/60/50% 总分封顶 89/79/69/59）',
  custom: '自定义方案',
};
