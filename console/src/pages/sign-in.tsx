import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { request, withQuery, ws } from '../api/client.ts';
import { writeSession, type Session } from '../api/session.ts';
import { ErrorNote } from '../components/states.tsx';

/**
 * Sign in with the operator token (then pick a workspace) or a workspace API key (its workspace id
 * is then needed: only the operator can list workspaces). The credential is checked by calling the
 * API before it is kept.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const navigate = useNavigate();
  const [token, setToken] = useState('');
  const [workspaceId, setWorkspaceId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const credential = token.trim();
    const workspace = workspaceId.trim();
    try {
      // The credential is not stored until the API accepted it.
      await request('GET', workspace ? ws(workspace) : withQuery('/api/v1/workspaces', { limit: 1 }), undefined, credential);
      const session = { token: credential, workspaceId: workspace };
      writeSession(session);
      onSignedIn(session);
      navigate(workspace ? `/w/${workspace}/overview` : '/workspaces');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <form className="card form" onSubmit={submit} aria-label="Sign in">
        <h1>Tributary console</h1>
        <p className="muted">Kept for this browser tab only (session storage).</p>
        <label className="field">
          <span className="label">Operator token or API key</span>
          <input type="password" autoComplete="off" required value={token} onChange={(event) => setToken(event.target.value)} name="token" />
        </label>
        <label className="field">
          <span className="label">Workspace id (needed with an API key)</span>
          <input value={workspaceId} onChange={(event) => setWorkspaceId(event.target.value)} name="workspace" />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
