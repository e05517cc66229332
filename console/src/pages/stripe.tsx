import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { del, get, put, type Page } from '../api/client.ts';
import { ActionNote, useAction } from '../components/action.tsx';
import { AdminOnly } from '../components/admin-only.tsx';
import { DataList, listOf } from '../components/data-list.tsx';
import { ErrorNote, Loading, Status } from '../components/states.tsx';
import { shortTime } from '../lib/format.ts';
import { useWorkspace } from './use-workspace.ts';

/** `GET …/integrations/stripe`: the secret itself is never answered, only its last characters. */
interface StripeIntegration {
  configured: boolean;
  webhook_url: string;
  signing_secret_hint: string | null;
  metadata_key: string;
  match_leads_by_email: boolean;
  event_types: string[];
  updated_at: string | null;
}

interface StripeEventRecord {
  id: string;
  type: string;
  outcome: string;
  external_id: string | null;
  detail: string | null;
  processed_at: string;
}

/**
 * Stripe without code: the webhook URL to paste into Stripe's dashboard (Developers → Webhooks →
 * Add endpoint) with the event types to select, a form for the endpoint's signing secret and the
 * mapping options, and what each received Stripe event became.
 */
export function StripePage() {
  const { workspaceId, root } = useWorkspace();
  const key = [workspaceId, 'stripe'];
  const integration = useQuery({ queryKey: key, queryFn: () => get<StripeIntegration>(`${root}/integrations/stripe`) });
  const events = useQuery({ queryKey: [workspaceId, 'stripe', 'events'], queryFn: () => get<Page<StripeEventRecord>>(`${root}/integrations/stripe/events`, { limit: 50 }), refetchInterval: 5000 });
  const [secret, setSecret] = useState('');
  const [metadataKey, setMetadataKey] = useState('tributary_oid');
  const [byEmail, setByEmail] = useState(true);
  useEffect(() => {
    if (!integration.data) return;
    setMetadataKey(integration.data.metadata_key);
    setByEmail(integration.data.match_leads_by_email);
  }, [integration.data]);

  const save = useAction({
    run: () => put<StripeIntegration>(`${root}/integrations/stripe`, { ...(secret ? { signing_secret: secret.trim() } : {}), metadata_key: metadataKey, match_leads_by_email: byEmail }),
    refresh: [key],
    done: () => 'Stripe settings saved.',
    onSuccess: () => setSecret(''),
  });
  const disconnect = useAction({
    run: () => del<void>(`${root}/integrations/stripe`),
    refresh: [key],
    done: () => 'Stripe disconnected: its webhooks are refused (404) from now on.',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  if (integration.isPending) return <Loading />;
  if (integration.error) return <ErrorNote error={integration.error} />;
  const current = integration.data!;
  return (
    <section>
      <h1>Stripe</h1>
      <p className="muted">
        Stripe tells Tributary about checkouts, renewals and refunds; each becomes the same sale, renewal or refund as <code>/event/sale</code> would record. Put the
        opportunity id in the Checkout Session&rsquo;s <code>client_reference_id</code> (the tracking snippet fills Payment Links and Buy Buttons) or in its metadata.
      </p>
      <div className="card">
        <h2>1. Add this endpoint in Stripe</h2>
        <p>
          Webhook URL: <code data-testid="stripe-webhook-url">{current.webhook_url}</code>{' '}
          <button type="button" className="link-button" onClick={() => void navigator.clipboard?.writeText(current.webhook_url)}>
            Copy
          </button>
        </p>
        <p className="muted">Events to send: {current.event_types.map((type) => <code key={type}>{type} </code>)}</p>
      </div>
      <AdminOnly what="Connecting Stripe">
        <form className="card form" onSubmit={submit} aria-label="Stripe settings">
          <h2>2. Paste its signing secret</h2>
          <p>
            Status: <Status value={current.configured ? 'connected' : 'not connected'} />
            {current.signing_secret_hint ? <> · secret <code>{current.signing_secret_hint}</code></> : null}
          </p>
          <label className="field">
            <span className="label">Signing secret</span>
            <input
              name="signing_secret"
              type="password"
              autoComplete="off"
              required={!current.configured}
              value={secret}
              onChange={(event) => setSecret(event.target.value)}
              placeholder={current.configured ? 'Leave empty to keep the current secret' : 'whsec_…'}
            />
          </label>
          <label className="field">
            <span className="label">Metadata key with the opportunity id</span>
            <input name="metadata_key" required value={metadataKey} onChange={(event) => setMetadataKey(event.target.value)} />
          </label>
          <label className={byEmail ? 'chip on' : 'chip'}>
            <input name="match_leads_by_email" type="checkbox" checked={byEmail} onChange={(event) => setByEmail(event.target.checked)} />
            <span>Credit a checkout without an opportunity id to the lead with the customer&rsquo;s email</span>
          </label>
          <div className="form inline">
            <button type="submit" className="primary" disabled={save.isPending}>
              {current.configured ? 'Save' : 'Connect Stripe'}
            </button>
            {current.configured ? (
              <button type="button" disabled={disconnect.isPending} onClick={() => window.confirm('Disconnect Stripe? Its webhooks will be refused.') && disconnect.mutate()}>
                Disconnect
              </button>
            ) : null}
          </div>
        </form>
      </AdminOnly>
      <ActionNote action={save} />
      <ActionNote action={disconnect} />
      <h2>Received Stripe events</h2>
      <DataList
        label="Stripe events"
        query={listOf(events)}
        rowKey={(row) => row.id}
        empty="No Stripe events yet: send a test webhook from Stripe's dashboard."
        columns={[
          { header: 'Processed', cell: (row) => shortTime(row.processed_at) },
          { header: 'Type', cell: (row) => row.type, className: 'mono' },
          { header: 'Became', cell: (row) => <Status value={row.outcome} /> },
          { header: 'Sale', cell: (row) => row.external_id ?? '—', className: 'mono' },
          { header: 'Detail', cell: (row) => row.detail ?? '' },
          { header: 'Event id', cell: (row) => row.id, className: 'mono' },
        ]}
      />
    </section>
  );
}

export default StripePage;
