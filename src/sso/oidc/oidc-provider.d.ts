/**
 * oidc-provider 9 ships no type declarations; this names the few parts Leerpoort uses.
 * Its objects stay loosely typed (`any`) at the edge of provider.ts and runtime.ts only.
 */
declare module 'oidc-provider' {
  /* eslint-disable @typescript-eslint/no-explicit-any */
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, any>);
    /** The context of the oidc-provider request running now (its AsyncLocalStorage); undefined outside one. */
    static readonly ctx: object | undefined;
    issuer: string;
    proxy: boolean;
    Grant: any;
    Client: any;
    Session: any;
    AccessToken: any;
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
    interactionDetails(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<any>;
    interactionResult(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, result: Record<string, any>, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    on(event: string, listener: (...args: any[]) => void): this;
  }
  export const interactionPolicy: {
    base(): any;
    Check: any;
    Prompt: any;
  };
  export const errors: Record<string, any>;
}

/** oidc-provider's request context store, behind `Provider.ctx`; tests run adapter calls inside it as a request would. */
declare module 'oidc-provider/lib/helpers/als.js' {
  const requestContext: import('node:async_hooks').AsyncLocalStorage<object>;
  export default requestContext;
}
