import { useState } from 'react';
import type { Column } from './data-list.tsx';
import { Status } from './states.tsx';
import { timeAgo } from '../lib/format.ts';

/**
 * A secret shown once after creation (a write key, an API key): stored hashed, it cannot be read
 * again, so it is shown with a Copy button until the user is done.
 */
export function NewSecret({ title, secret, onDone, testId }: { title: string; secret: string; onDone: () => void; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="card highlight" role="alert">
      <h2>{title}</h2>
      <p>Copy it now: it is stored hashed and will not be shown again.</p>
      <div className="row">
        <code className="secret" data-testid={testId}>
          {secret}
        </code>
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

interface KeyRow {
  key_prefix: string;
  status: string;
  last_used_at: string | null;
}

/** The columns every key list shares: its prefix, status, last use, and Revoke after a confirmation. */
export function keyColumns<T extends KeyRow>(named: (key: T) => string, revoke: (key: T) => void, warning = ''): { prefix: Column<T>; status: Column<T>; lastUsed: Column<T>; revoke: Column<T> } {
  return {
    prefix: { header: 'Key', className: 'mono', cell: (key) => `${key.key_prefix}…` },
    status: { header: 'Status', cell: (key) => <Status value={key.status} /> },
    lastUsed: { header: 'Last used', cell: (key) => <span title={key.last_used_at ?? ''}>{key.last_used_at ? timeAgo(key.last_used_at) : 'never'}</span> },
    revoke: {
      header: '',
      cell: (key) =>
        key.status === 'active' ? (
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(`Revoke “${named(key)}”?${warning}`)) revoke(key);
            }}
          >
            Revoke
          </button>
        ) : null,
    },
  };
}
