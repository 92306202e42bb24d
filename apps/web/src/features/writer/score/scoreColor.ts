/** Score bands shared by the editor and the lists. */
export function scoreColor(score: number): string {
  return score >= 80 ? 'teal' : score >= 50 ? 'yellow' : 'red';
}
