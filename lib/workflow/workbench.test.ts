import { describe, expect, it } from 'vitest';
import { deadlineState } from './deadline';
import { landingPage } from './landing';
import { progressBy } from './progress';
import { evaluationHref, orderQueue, parseQueueFilter, queueNeighbours } from './queues';

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
  const rows = [
    { id: 1, status: 'draft' as const, departmentId: 1 },
    { id: 2, status: 'returned' as const, departmentId: 1 },
    { id: 3, status: 'dept_approved' as const, departmentId: 1 },
    { id: 4, status: 'dept_approved' as const, departmentId: 2 },
    { id: 5, status: 'finalized' as const, departmentId: 2 },
  ];

  it("puts an owner's returned items first and keeps the list's filter", () => {
    expect(orderQueue(rows, 'owner', {}).map((r) => r.id)).toEqual([2, 1]);
    expect(orderQueue(rows, 'finance', {}).map((r) => r.id)).toEqual([3, 4]);
    expect(orderQueue(rows, 'finance', { department: '2' }).map((r) => r.id)).toEqual([4]);
    // The one just finalised stays so its neighbours are found.
    expect(orderQueue(rows, 'finance', {}, 5).map((r) => r.id)).toEqual([3, 4, 5]);
  });

  it('finds the neighbours and carries the filter in the link', () => {
    expect(queueNeighbours([{ id: 3 }, { id: 4 }], 3)).toEqual({ previous: null, next: 4, position: 1, total: 2 });
    expect(queueNeighbours([{ id: 3 }], 9)).toBeNull();
    const filter = parseQueueFilter('year=2024&department=2&evil=<x>&department2=1');
    expect(filter).toEqual({ year: '2024', department: '2' });
    expect(evaluationHref(4, filter)).toBe('/evaluations/4?queue=year%3D2024%26department%3D2');
    expect(parseQueueFilter('department=abc')).toEqual({});
  });
});

describe('progress', () => {
  it('counts submitted of all, not started, drafts, returned and overdue per group', () => {
    const rows = [
      { status: 'draft' as const, version: 1, owner: '张伟' },
      { status: 'draft' as const, version: 4, owner: '张伟' },
      { status: 'returned' as const, version: 6, owner: '张伟' },
      { status: 'submitted' as const, version: 5, owner: '李娜' },
      { status: 'finalized' as const, version: 9, owner: '李娜' },
    ];
    expect(progressBy(rows, (r) => r.owner, false)).toEqual([
      { group: '张伟', total: 3, submitted: 0, notStarted: 1, draft: 1, returned: 1, overdue: 0 },
      { group: '李娜', total: 2, submitted: 2, notStarted: 0, draft: 0, returned: 0, overdue: 0 },
    ]);
    expect(progressBy(rows, () => '全部', true)[0]).toMatchObject({ total: 5, submitted: 2, overdue: 3 });
  });
});
