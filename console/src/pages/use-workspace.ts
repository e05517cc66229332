import { useParams } from 'react-router';
import { ws } from '../api/client.ts';

/** The workspace of the current route and its API root. */
export function useWorkspace(): { workspaceId: string; root: string } {
  const { ws: workspaceId = '' } = useParams();
  return { workspaceId, root: ws(workspaceId) };
}
