/** A small browser over real HTTP for flows that cross origins (Leerpoort ⇄ a publisher app): cookies per host, redirects followed one by one. */
export class CrossOriginBrowser {
  private readonly jars = new Map<string, Map<string, string>>();
  readonly visited: string[] = [];

  private jar(host: string): Map<string, string> {
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    return jar;
  }

  async request(url: string, form?: Record<string, string>): Promise<Response> {
    const target = new URL(url);
    const jar = this.jar(target.host);
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body: string | undefined;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const response = await fetch(target, { method: form ? 'POST' : 'GET', headers, body, redirect: 'manual' });
    this.visited.push(`${form ? 'POST' : 'GET'} ${target.href} → ${response.status}`);
    for (const raw of response.headers.getSetCookie()) {
      const [pair, ...attributes] = raw.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const gone = value === '' || attributes.some((a) => /^max-age=0$/i.test(a)) || attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now());
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Follows redirects across origins until a page that is not a redirect. */
  async follow(url: string, form?: Record<string, string>, limit = 15): Promise<{ response: Response; url: string; body: string }> {
    let current = url;
    let response = await this.request(current, form);
    for (let i = 0; i < limit; i++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current, body: await response.text() };
      await response.arrayBuffer();
      current = new URL(location, current).href;
      response = await this.request(current);
    }
    throw new Error(`too many redirects: ${this.visited.join('\n')}`);
  }
}
