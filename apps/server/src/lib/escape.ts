const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text for HTML/SVG text or a double-quoted attribute, escaped the way sanitize-html writes it. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => entities[c]!);
}
