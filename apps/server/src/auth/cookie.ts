import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

export const REFRESH_COOKIE = 'igny8_rt';
const path = '/api/v1/auth';

export function setRefreshCookie(reply: FastifyReply, token: string, config: Config): void {
  reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path,
    maxAge: config.REFRESH_TOKEN_TTL_DAYS * 86_400,
  });
}

export function clearRefreshCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path });
}

export function readRefreshCookie(req: FastifyRequest): string | undefined {
  return req.cookies[REFRESH_COOKIE] || undefined;
}
