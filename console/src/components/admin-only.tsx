import type { ReactNode } from 'react';
import { useIsAdmin } from '../lib/access.ts';
import { useWorkspace } from '../pages/use-workspace.ts';

/**
 * Shows its children (a form that creates or changes something) only to a credential with the
 * `admin` scope; to others, why it is missing, instead of a form the API would refuse.
 */
export function AdminOnly({ what, children }: { what: string; children: ReactNode }) {
  const { root } = useWorkspace();
  const admin = useIsAdmin(root);
  if (admin === undefined) return null;
  if (admin) return <>{children}</>;
  return (
    <p className="muted note" role="note">
      {what} needs an API key with the <code>admin</code> scope; this key does not have it. Sign in with an admin key or the operator token.
    </p>
  );
}

/** Whether the signed-in credential may use admin forms (undefined while unknown). */
export function useAdmin(): boolean | undefined {
  const { root } = useWorkspace();
  return useIsAdmin(root);
}
