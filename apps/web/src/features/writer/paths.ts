/** Links between the writer pages (and back to the planner), absolute so they work from any page. */
export function writerPath(accountId: string, siteId: string, sub: 'writer' | 'content' | 'images' | 'ideas'): string {
  return `/a/${accountId}/sites/${siteId}/${sub}`;
}

export function contentEditorPath(accountId: string, siteId: string, contentId: string): string {
  return `${writerPath(accountId, siteId, 'content')}/${contentId}`;
}
