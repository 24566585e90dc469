import type { Role } from '@/db/schema';

/** The signed-in user as every server check sees it, re-read from the database on each request. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  mustChangePassword: boolean;
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
