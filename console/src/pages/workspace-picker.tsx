import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { get, type Page } from '../api/client.ts';
import { writeSession, type Session } from '../api/session.ts';
import { Empty, ErrorNote, Loading } from '../components/states.tsx';
import { shortTime } from '../lib/format.ts';

interface Workspace {
  id: string;
  name: string;
  slug?: string;
  created_at: string;
}

/** The operator's workspaces; an API key knows only its own, which it signed in with. */
export function WorkspacePickerPage({ session, onPicked, onSignOut }: { session: Session; onPicked: (session: Session) => void; onSignOut: () => void }) {
  const navigate = useNavigate();
  const workspaces = useQuery({ queryKey: ['workspaces'], queryFn: () => get<Page<Workspace>>('/api/v1/workspaces', { limit: 100 }) });
  const pick = (id: string) => {
    const next = { ...session, workspaceId: id };
    writeSession(next);
    onPicked(next);
    navigate(`/w/${id}/overview`);
  };
  return (
    <div className="sign-in">
      <div className="card">
        <h1>Pick a workspace</h1>
        {workspaces.isPending ? <Loading /> : null}
        <ErrorNote error={workspaces.error} />
        {workspaces.data?.data.length === 0 ? <Empty title="No workspaces yet." /> : null}
        <ul className="picker">
          {session.workspaceId && workspaces.isError ? (
            <li>
              <button type="button" onClick={() => pick(session.workspaceId)}>
                {session.workspaceId}
              </button>
            </li>
          ) : null}
          {workspaces.data?.data.map((workspace) => (
            <li key={workspace.id}>
              <button type="button" onClick={() => pick(workspace.id)}>
                <strong>{workspace.name}</strong> <span className="muted">{workspace.id}</span>
                <span className="muted"> · created {shortTime(workspace.created_at)}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </div>
  );
}
