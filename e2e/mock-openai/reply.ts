// What an endpoint handler returns; the server writes it (after latency and faults).
import type { ErrorReply } from './errors';

export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; raw: Buffer; contentType: string };

export const fromError = (e: ErrorReply): Reply => ({ status: e.status, json: e.body, headers: e.headers ?? {} });

export const ok = (json: unknown): Reply => ({ status: 200, json });
