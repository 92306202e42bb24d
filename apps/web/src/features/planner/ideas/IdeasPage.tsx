export function IdeasPage() { return null; }
