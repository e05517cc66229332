import { useQuery } from '@tanstack/react-query';
import { request } from '../api/client.ts';

/**
 * Whether the signed-in credential has the `admin` scope in this workspace: the operator token and
 * admin keys do, an events-only key does not. The API says so itself: the API-key list needs
 * `admin`, so its 403 means the forms that create or change things would be refused too.
 * Undefined while the answer is on its way.
 */
export function useIsAdmin(root: string): boolean | undefined {
  const probe = useQuery({
    queryKey: ['access', root],
    queryFn: async () => {
      try {
        await request('GET', `${root}/api-keys`);
        return true;
      } catch (error) {
        if ((error as { status?: number }).status === 403) return false;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  // A probe that failed for another reason (network) leaves the forms shown: the API decides.
  return probe.isError ? true : probe.data;
}

/**
 * Whether the signed-in credential is the operator token (undefined while unknown): only it may
 * list every workspace, so a 403 there means an API key. Some settings (rate limits) only the
 * operator changes.
 */
export function useIsOperator(): boolean | undefined {
  const probe = useQuery({
    queryKey: ['access', 'operator'],
    queryFn: async () => {
      try {
        await request('GET', '/api/v1/workspaces?limit=1');
        return true;
      } catch (error) {
        if ((error as { status?: number }).status === 403) return false;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  return probe.isError ? true : probe.data;
}
