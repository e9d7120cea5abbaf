/** A browser's cookies for one origin (names are unique in these tests, so paths are not tracked). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(initial?: string) {
    if (initial) this.set(initial);
  }

  /** Adds a `name=value` pair, e.g. the cookie string signedIn() returns. */
  set(pair: string): void {
    const [name, ...rest] = pair.split('=');
    this.cookies.set(name!.trim(), rest.join('='));
  }

  /** Keeps what a response set, and forgets what it cleared. */
  take(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(';');
      const [name, ...rest] = pair!.split('=');
      const gone = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || rest.join('=') === '';
      if (gone) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), rest.join('='));
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
