import type { Role } from '@/db/schema';
import { queueStatuses } from './state-machine';

/** The page a role lands on after signing in: where its work is. */
export function landingPage(role: Role, queued: number): '/tasks' | '/projects' {
  if (queueStatuses(role).length === 0) return '/projects';
  return role === 'finance' || queued > 0 ? '/tasks' : '/projects';
}
