import type { Locale } from '@civitas/common';
import type { Role, RoleGrant } from '@civitas/users';

/** The account behind a request, loaded afresh on every request (a revoked role takes effect at once). */
export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  emailVerifiedAt: Date | null;
  createdAt: Date;
  /** Role names held in any scope; always includes 'resident'. */
  roles: Role[];
  /** The granted role rows: over every area (areaId null) or over one area and its descendants. */
  grants: RoleGrant[];
}
