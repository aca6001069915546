// A browser's part in tests of forms and sessions: keeps cookies, sends forms
// with the CSRF token it was given, and signs in through a real mail.
import type { TestSmtpServer } from './smtp-server.ts';

type Fetcher = (path: string, init: RequestInit) => Response | Promise<Response>;

export class WebClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly fetcher: Fetcher) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await this.fetcher(path, { redirect: 'manual', ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attributes.some((attribute) => /max-age=0\b/i.test(attribute.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** The CSRF token, fetched with a page when the client has none yet. */
  async csrf(): Promise<string> {
    if (!this.cookies.has('paperboy_csrf')) await this.request('/about');
    return this.cookies.get('paperboy_csrf')!;
  }

  async postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams({ csrf: await this.csrf(), ...fields });
    return this.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
  }

  async postJson(path: string, value: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      body: JSON.stringify(value),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': await this.csrf(), ...headers },
    });
  }

  /** Asks for a link, reads it from the mail, opens it: the client is then signed in. */
  async signIn(smtp: TestSmtpServer, email: string, next = '/', fields: Record<string, string> = {}): Promise<Response> {
    const asked = await this.postForm('/signin', { email, next, ...fields });
    if (asked.status !== 200) throw new Error(`sign-in request answered ${asked.status}: ${await asked.text()}`);
    const token = tokenOf(await smtp.nextMessageTo(email));
    const signedIn = await this.postForm('/signin/link', { token });
    // A sign-in that failed would only show later, as a 401 on some unrelated request.
    if (signedIn.status !== 303 || !this.cookies.has('paperboy_session'))
      throw new Error(`signing in answered ${signedIn.status}: ${await signedIn.text()}`);
    return signedIn;
  }
}

export function tokenOf(mail: { text?: string }): string {
  const token = /\/signin\/link\?token=([\w-]+)/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`no sign-in link in: ${mail.text}`);
  return token;
}
