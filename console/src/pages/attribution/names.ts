import { useQuery } from '@tanstack/react-query';
import { get, type Page } from '../../api/client.ts';
import { useWorkspace } from '../use-workspace.ts';

/**
 * Names of the workspace's collaborators or programs by id, so ledger tables can say "Ada" rather
 * than "7". The first 200 are enough for a label; an unknown id is shown as the id.
 */
export function useNames(collection: 'collaborators' | 'programs'): (id: number | null | undefined) => string {
  const { workspaceId, root } = useWorkspace();
  const list = useQuery({
    queryKey: [workspaceId, collection],
    queryFn: () => get<Page<{ id: number; name: string }>>(`${root}/${collection}`, { limit: 200 }),
  });
  const names = new Map((list.data?.data ?? []).map((item) => [item.id, item.name]));
  return (id) => (id === null || id === undefined ? '—' : (names.get(id) ?? `#${id}`));
}
