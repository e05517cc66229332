import type { Scope } from './scopes.ts';

/** Who is calling, after authentication. */
export type Principal =
  | { readonly kind: 'operator' }
  | {
      readonly kind: 'api_key';
      readonly keyId: number;
      readonly workspaceId: string;
      readonly scopes: ReadonlySet<Scope>;
      readonly syncMode: boolean;
    }
  | { readonly kind: 'write_key'; readonly keyId: string; readonly workspaceId: string };
