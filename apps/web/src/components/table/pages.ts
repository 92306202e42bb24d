/** The number of the last page of `total` rows, `pageSize` a page; 1 when there are no rows. */
export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** `page` moved into 1..lastPage(total, pageSize). */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(1, page), lastPage(total, pageSize));
}
