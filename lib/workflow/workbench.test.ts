import { describe, expect, it } from 'vitest';
import { deadlineState } from './deadline';
import { landingPage } from './landing';
import {
  mostOutstanding,
  progressBy,
  progressGrouping,
  progressOfCounts,
  progressSwitch,
  type Progress,
} from './progress';
import { evaluationHref, queueNeighbours, queueQueryOf } from './queues';

describe('landing pages', () => {
  it('finance lands on 待办; owner and head there when it holds something, else on 项目; admin on 项目', () => {
    expect(landingPage('finance', 0)).toBe('/tasks');
    expect(landingPage('owner', 3)).toBe('/tasks');
    expect(landingPage('owner', 0)).toBe('/projects');
    expect(landingPage('dept_head', 1)).toBe('/tasks');
    expect(landingPage('dept_head', 0)).toBe('/projects');
    expect(landingPage('admin', 5)).toBe('/projects');
  });
});

describe('deadlines', () => {
  it('counts whole days to the end of the deadline day in Beijing, then days overdue', () => {
    // 2024-12-31 23:59:59 in Beijing is 15:59:59 UTC.
    expect(deadlineState('2024-12-31', new Date('2024-12-26T16:00:00Z'))).toEqual({
      overdue: false,
      days: 5,
      text: '还剩 5 天',
    });
    expect(deadlineState('2024-12-31', new Date('2024-12-31T15:00:00Z'))).toMatchObject({ overdue: false, days: 1 });
    expect(deadlineState('2024-12-31', new Date('2024-12-31T16:00:01Z'))).toEqual({
      overdue: true,
      days: 1,
      text: '已逾期 1 天',
    });
    expect(deadlineState(null, new Date())).toBeNull();
    expect(deadlineState('31.12.2024', new Date())).toBeNull();
  });
});

describe('the reviewer queue', () => {
  it('finds the neighbours and carries the list query, without its page, in the link', () => {
    expect(queueNeighbours([{ id: 3 }, { id: 4 }], 3)).toEqual({ previous: null, next: 4, position: 1, total: 2 });
    expect(queueNeighbours([{ id: 3 }], 9)).toBeNull();
    const queue = queueQueryOf({ year: '2024', department: '2', page: '3', sort: '-selfScore', q: '', queue: 'x' });
    expect(queue).toBe('year=2024&department=2&sort=-selfScore');
    expect(evaluationHref(4, queue)).toBe('/evaluations/4?queue=year%3D2024%26department%3D2%26sort%3D-selfScore');
    expect(queueQueryOf(new URLSearchParams('page=2'))).toBe('');
  });
});

describe('progress', () => {
  it('counts submitted of all, not started, drafts, returned and overdue per group', () => {
    const rows = [
      { status: 'draft' as const, started: false, count: 2, owner: '张伟' },
      { status: 'draft' as const, started: true, count: 1, owner: '张伟' },
      { status: 'returned' as const, started: true, count: 1, owner: '张伟' },
      { status: 'submitted' as const, started: true, count: 3, owner: '李娜' },
      { status: 'finalized' as const, started: true, count: 1, owner: '李娜' },
    ];
    expect(progressBy(rows, (r) => r.owner, false)).toEqual([
      { group: '张伟', total: 4, submitted: 0, notStarted: 2, draft: 1, returned: 1, overdue: 0 },
      { group: '李娜', total: 4, submitted: 4, notStarted: 0, draft: 0, returned: 0, overdue: 0 },
    ]);
    expect(progressBy(rows, () => '全部', true)[0]).toMatchObject({ total: 8, submitted: 4, overdue: 4 });
  });

  it("keeps owners of one name apart and names them with their department in finance's year", () => {
    const row = (groupId: number | null, group: string | null, department: string, count: number) => ({
      groupId,
      group,
      department,
      status: 'draft' as const,
      started: true,
      count,
    });
    const rows = [
      row(7, '张伟', '应急管理局', 2),
      row(9, '张伟', '民政局', 3),
      row(null, null, '应急管理局', 1),
      row(null, null, '民政局', 4),
    ];
    const groups = (severalDepartments: boolean) =>
      progressOfCounts(rows, { by: 'owner', severalDepartments, overdue: false }).map((p) => [p.group, p.total]);
    expect(groups(true)).toEqual([
      ['张伟（应急管理局）', 2],
      ['张伟（民政局）', 3],
      ['未指定（应急管理局）', 1],
      ['未指定（民政局）', 4],
    ]);
    // A head's table is one department: the names alone, still one row per owner.
    expect(groups(false)).toEqual([
      ['张伟', 2],
      ['张伟', 3],
      ['未指定', 1],
      ['未指定', 4],
    ]);
  });
});

describe('the groups a progress table lists', () => {
  const group = (name: string, total: number, submitted: number): Progress => ({
    group: name,
    total,
    submitted,
    notStarted: total - submitted,
    draft: 0,
    returned: 0,
    overdue: 0,
  });
  const rows = [group('甲', 10, 10), group('乙', 10, 2), group('丙', 5, 0), group('丁', 8, 7), group('戊', 9, 1)];

  it('lists every group up to the limit, in their order', () => {
    expect(mostOutstanding(rows, 5)).toEqual(rows);
    expect(mostOutstanding([], 3)).toEqual([]);
  });

  it('beyond it, the groups with the most still to submit, in their usual order', () => {
    expect(mostOutstanding(rows, 3).map((p) => p.group)).toEqual(['乙', '丙', '戊']);
    expect(mostOutstanding(rows, 1).map((p) => p.group)).toEqual(['乙']);
  });
});

describe('what 填报进度 groups by', () => {
  it('finance by department unless the URL asks by owner; a head by owner only; others not at all', () => {
    expect(progressGrouping('finance', new URLSearchParams())).toBe('department');
    expect(progressGrouping('finance', new URLSearchParams('progress=owner'))).toBe('owner');
    expect(progressGrouping('finance', { progress: ['owner', 'department'] })).toBe('owner');
    expect(progressGrouping('finance', new URLSearchParams('progress=nonsense'))).toBe('department');
    expect(progressGrouping('dept_head', new URLSearchParams('progress=department'))).toBe('owner');
    expect(progressGrouping('owner', new URLSearchParams('progress=owner'))).toBeNull();
    expect(progressGrouping('admin', new URLSearchParams())).toBeNull();
  });

  it('offers finance a switch that keeps the list’s parameters; a head, with one grouping, none', () => {
    const params = new URLSearchParams('year=2024&status=submitted&page=2&progress=owner');
    expect(progressSwitch('finance', '/tasks', params)).toEqual([
      { grouping: 'department', label: '按部门', current: false, href: '/tasks?year=2024&status=submitted&page=2' },
      {
        grouping: 'owner',
        label: '按项目负责人',
        current: true,
        href: '/tasks?year=2024&status=submitted&page=2&progress=owner',
      },
    ]);
    expect(progressSwitch('finance', '/tasks', {}).map((g) => [g.current, g.href])).toEqual([
      [true, '/tasks'],
      [false, '/tasks?progress=owner'],
    ]);
    expect(progressSwitch('dept_head', '/tasks', params)).toEqual([]);
  });
});
