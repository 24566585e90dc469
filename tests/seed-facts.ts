/** What the embedded seed table holds, as the README states it: 17 projects, 113 indicators, 1,408.40 万元. */
export const SEED_SUMMARY = {
  department: '广州市白云区应急管理局',
  year: 2024,
  projects: 17,
  indicators: 113,
  budgetTotal: '1408.40',
  qualitative: 14,
} as const;

/** owner1's nine projects of the seed (the first nine of the table), in table order. */
export const OWNER1_PROJECTS = [
  '队伍装备基础设施建设专项经费',
  '综合减灾和物资保障（预案管理）年度专项经费',
  '安全生产基础工作专项经费',
  '法律顾问与审批服务经费',
  '智慧白云信息化建设项目经费（智慧三防应急指挥系统建设项目经费）',
  '智慧白云信息化建设项目经费（智慧三防视频监控与内涝监测项目经费）',
  '执法检查事故调查处理经费',
  '三防专项经费',
  '应急专项经费',
] as const;
