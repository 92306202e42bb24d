import type { Role } from '@igny8/contracts';

export const roleLabel: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  editor: 'Editor',
  viewer: 'Viewer',
};

export const roleDescription: Record<Role, string> = {
  owner: 'Full control, including billing and owners',
  admin: 'Manages members and settings',
  editor: 'Creates and edits content',
  viewer: 'Read-only access',
};

export const roleColor: Record<Role, string> = {
  owner: 'grape',
  admin: 'indigo',
  editor: 'teal',
  viewer: 'gray',
};
