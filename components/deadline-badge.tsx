import { deadlineState } from '@/lib/workflow/deadline';

/** "还剩 5 天" before the year's deadline, "已逾期 2 天" in red after it; nothing without a deadline. */
export function DeadlineBadge({
  deadline,
  now,
  withDate = false,
}: {
  deadline: string | null;
  now: Date;
  withDate?: boolean;
}) {
  const state = deadlineState(deadline, now);
  if (!state) return null;
  return (
    <span className={state.overdue ? 'deadline overdue' : 'deadline'} data-testid="deadline">
      {withDate && `截止日期 ${deadline}，`}
      {state.text}
    </span>
  );
}
