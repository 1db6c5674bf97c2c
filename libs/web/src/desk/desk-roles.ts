import type { PageUser } from '../page/page-context';

/** Whether the signed-in person works at the desk at all (any role beyond resident). */
export function isDeskUser(user: Pick<PageUser, 'roles'> | null): boolean {
  return !!user && user.roles.some((r) => r === 'moderator' || r === 'official' || r === 'admin');
}
