import type { Role, User } from '@/db/schema';

/** The signed-in user as every server check sees it, re-read from the database on each request. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  mustChangePassword: boolean;
}

/** A user row as the checks see it (never the hash, never the session version). */
export function toSessionUser(user: User): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    departmentId: user.departmentId,
    mustChangePassword: user.mustChangePassword,
  };
}

export interface ProjectScope {
  ownerId: number | null;
  departmentId: number;
}

/** Owner: own projects; head: the department's; finance and admin: all. */
export function canViewProject(user: SessionUser, project: ProjectScope): boolean {
  switch (user.role) {
    case 'owner':
      // Both: an owner who moved to another department keeps no access to the old one's projects.
      return project.ownerId === user.id && project.departmentId === user.departmentId;
    case 'dept_head':
      return user.departmentId !== null && project.departmentId === user.departmentId;
    case 'finance':
    case 'admin':
      return true;
  }
}

/**
 * Admin and finance keep the target tables: they edit a project's targets and see what the import
 * noticed in them (a level-2 code under another level-1, an unreadable row…). Owners and heads see
 * the targets as published, without the diagnostics.
 */
export function managesTargets(user: Pick<SessionUser, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'finance';
}
