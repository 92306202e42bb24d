import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { AddMemberResponse, AuthResponse, Member, Role, SetupStatus } from '@igny8/contracts';
import type { Person } from './users';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export class ApiCallError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
  }

  get code(): string | undefined {
    return (this.body as { error?: { code?: string } } | undefined)?.error?.code;
  }
}

async function bodyOf(res: APIResponse): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A signed-in API user for fixtures and server-side checks. Holds its own cookie jar (the
 * refresh cookie) and access token; refreshes once on a 401 like the web client does, so the
 * 10 s access tokens of the e2e server never get in the way.
 */
export class ApiClient {
  private token: string | null = null;
  session: AuthResponse | null = null;

  private constructor(private readonly ctx: APIRequestContext) {}

  static async create(baseURL: string): Promise<ApiClient> {
    return new ApiClient(await request.newContext({ baseURL }));
  }

  async dispose(): Promise<void> {
    await this.ctx.dispose();
  }

  get userId(): string {
    if (!this.session) throw new Error('not signed in');
    return this.session.user.id;
  }

  private send(method: Method, path: string, body?: unknown): Promise<APIResponse> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    return this.ctx.fetch(path, { method, headers, data: body, failOnStatusCode: false });
  }

  private async expectJson<T>(method: Method, path: string, res: APIResponse): Promise<T> {
    const body = await bodyOf(res);
    if (!res.ok()) throw new ApiCallError(method, path, res.status(), body);
    return body as T;
  }

  private adopt(res: AuthResponse): AuthResponse {
    this.token = res.accessToken;
    this.session = res;
    return res;
  }

  async setupStatus(): Promise<SetupStatus> {
    return this.expectJson('GET', '/api/v1/setup/status', await this.send('GET', '/api/v1/setup/status'));
  }

  async login(person: Pick<Person, 'email' | 'password'>): Promise<AuthResponse> {
    const path = '/api/v1/auth/login';
    const body = { email: person.email, password: person.password };
    return this.adopt(await this.expectJson('POST', path, await this.send('POST', path, body)));
  }

  async signup(person: Person, accountName: string): Promise<AuthResponse> {
    const path = '/api/v1/auth/signup';
    const body = { email: person.email, password: person.password, name: person.name, accountName };
    return this.adopt(await this.expectJson('POST', path, await this.send('POST', path, body)));
  }

  async acceptInvite(token: string, person: Pick<Person, 'name' | 'password'>): Promise<AuthResponse> {
    const path = '/api/v1/auth/invite/accept';
    const body = { token, name: person.name, password: person.password };
    return this.adopt(await this.expectJson('POST', path, await this.send('POST', path, body)));
  }

  async refresh(): Promise<AuthResponse> {
    const path = '/api/v1/auth/refresh';
    return this.adopt(await this.expectJson('POST', path, await this.send('POST', path, {})));
  }

  /** An authenticated call; one refresh and one retry on 401, as the web client does. */
  async raw(method: Method, path: string, body?: unknown): Promise<APIResponse> {
    let res = await this.send(method, path, body);
    if (res.status() === 401 && this.session) {
      await this.refresh();
      res = await this.send(method, path, body);
    }
    return res;
  }

  async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    return this.expectJson<T>(method, path, await this.raw(method, path, body));
  }

  addMember(accountId: string, email: string, role: Role): Promise<AddMemberResponse> {
    return this.call('POST', `/api/v1/accounts/${accountId}/members`, { email, role });
  }

  async members(accountId: string): Promise<Member[]> {
    const list = await this.call<{ items: Member[] }>('GET', `/api/v1/accounts/${accountId}/members?limit=500`);
    return list.items;
  }
}

/** The one-time token at the end of an invite URL (`…/invite/<token>`). */
export function inviteToken(inviteUrl: string): string {
  const token = /\/invite\/([^/?#]+)/.exec(inviteUrl)?.[1];
  if (!token) throw new Error(`not an invite URL: ${inviteUrl}`);
  return decodeURIComponent(token);
}
