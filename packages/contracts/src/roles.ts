import { z } from 'zod';

/** Member roles, highest first. Rank comparisons go through `roleAtLeast`. */
export const roles = ['owner', 'admin', 'editor', 'viewer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

const rank: Record<Role, number> = { owner: 4, admin: 3, editor: 2, viewer: 1 };

export function roleAtLeast(role: Role, min: Role): boolean {
  return rank[role] >= rank[min];
}
