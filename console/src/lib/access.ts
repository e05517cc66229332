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
