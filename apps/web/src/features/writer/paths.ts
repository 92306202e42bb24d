import { siteHomePath } from '../sites/sitePaths';

export function contentEditorPath(accountId: string, siteId: string, contentId: string): string {
  return `${siteHomePath(accountId, siteId, 'content')}/${contentId}`;
}
