/**
 * A year's deadline (`YYYY-MM-DD`, the end of that day in Beijing) as the people filling in see it:
 * how many days are left, or how many days it has passed.
 */
const DAY_MS = 86_400_000;

export const deadlineEnd = (deadline: string) => Date.parse(`${deadline}T23:59:59.999+08:00`);

export interface DeadlineState {
  overdue: boolean;
  /** Whole days left (1 on the last day), or whole days overdue (1 the day after). */
  days: number;
  text: string;
}

export function deadlineState(deadline: string | null | undefined, now: Date): DeadlineState | null {
  if (!deadline || !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) return null;
  const left = deadlineEnd(deadline) - now.getTime();
  if (left >= 0) {
    const days = Math.max(1, Math.ceil(left / DAY_MS));
    return { overdue: false, days, text: `还剩 ${days} 天` };
  }
  const days = Math.max(1, Math.ceil(-left / DAY_MS));
  return { overdue: true, days, text: `已逾期 ${days} 天` };
}

/** Days before the deadline from which the owner is reminded once (the scheduled job). */
export const DEADLINE_REMINDER_DAYS = 3;
