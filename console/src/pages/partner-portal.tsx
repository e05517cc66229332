import { useEffect, useState } from 'react';
import { ApiError, request } from '../api/client.ts';
import { ErrorNote, Loading, Status } from '../components/states.tsx';
import { formatMinor, shortTime } from '../lib/format.ts';
import { PartnerApplicationPage } from './partner-application.tsx';

/** Where the portal keeps the partner's session: this tab only (a shared computer forgets it). */
const SESSION_KEY = 'tributary.partner-session';

interface Me {
  id: number;
  name: string;
  email: string | null;
}
interface Link {
  id: number;
  code: string;
  url: string;
  expires_at: string | null;
}
interface Commission {
  id: number;
  status: string;
  amount: number;
  currency: string;
  hold_until: string | null;
  created_at: string;
}
interface Payout {
  id: number;
  status: string;
  amount: number;
  currency: string;
  reference: string;
  created_at: string;
  paid_at: string | null;
}
interface Balance {
  currency: string;
  balance: number;
  draft: number;
  flagged: number;
  hold: number;
  pending: number;
  paid_out: number;
}
interface Activity {
  clicks: number;
  days: Array<{ day: string; clicks: number }>;
}
interface Visit {
  id: number;
  visited_at: string;
  origin: string;
  landing_page: string | null;
  status: string;
  converted: boolean;
}
interface Visits {
  data: Visit[];
  next_cursor: string | null;
}
interface PortalData {
  me: Me;
  visits: Visits;
  activity: Activity;
  conversions: Array<{ id: number; status: string }>;
  links: Link[];
  commissions: Commission[];
  payouts: Payout[];
  balance: Balance[];
}

/**
 * A partner API call with the partner's session (never the console's admin session: an empty
 * token sends no credential at all).
 */
function partnerFetch<T>(path: string, token: string | null, method = 'GET', body?: unknown): Promise<T> {
  return request<T>(method, `/partner/v1${path}`, body, token ?? '');
}

/** Visits shown at once; "Show more" reads the next page. */
const VISITS_PAGE = 20;

async function load(token: string): Promise<PortalData> {
  const [me, visits, activity, conversions, links, commissions, payouts, balance] = await Promise.all([
    partnerFetch<Me>('/me', token),
    partnerFetch<Visits>(`/visits?limit=${VISITS_PAGE}`, token),
    partnerFetch<Activity>('/clicks', token),
    partnerFetch<{ data: Array<{ id: number; status: string }> }>('/conversions?limit=200', token),
    partnerFetch<{ data: Link[] }>('/links', token),
    partnerFetch<{ data: Commission[] }>('/commissions?limit=200', token),
    partnerFetch<{ data: Payout[] }>('/payouts?limit=200', token),
    partnerFetch<{ data: Balance[] }>('/balance', token),
  ]);
  return { me, visits, activity, conversions: conversions.data, links: links.data, commissions: commissions.data, payouts: payouts.data, balance: balance.data };
}

/**
 * `/partners/apply/{workspace}/{program}` is the public sign-up form; every other `/partners` path
 * is the signed-in partner's portal.
 */
export function PartnerPortalPage() {
  const apply = /^\/partners\/apply\/([^/]+)\/([^/]+)\/?$/.exec(window.location.pathname);
  if (apply) return <PartnerApplicationPage workspaceId={decodeURIComponent(apply[1]!)} programId={decodeURIComponent(apply[2]!)} />;
  return <PartnerDashboard />;
}

/**
 * The partner portal at `/partners` (issue 18 §2): a collaborator opens the one-time login link an
 * admin created (`/partners#login=…`), the portal trades it for a collaborator-scoped session, and
 * shows their links, commissions by status, payouts and balance. It never uses the console's
 * admin session: the partner API answers only for the session's own collaborator.
 */
function PartnerDashboard() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(SESSION_KEY));
  const [data, setData] = useState<PortalData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState<string | null>(null);

  // A login link in the fragment: redeem it once, then drop it from the address bar and history.
  useEffect(() => {
    const login = new URLSearchParams(window.location.hash.slice(1)).get('login');
    if (!login) return;
    window.history.replaceState(null, '', window.location.pathname);
    partnerFetch<{ token: string }>('/sessions', null, 'POST', { token: login })
      .then((session) => {
        sessionStorage.setItem(SESSION_KEY, session.token);
        setToken(session.token);
      })
      .catch(setError);
  }, []);

  useEffect(() => {
    if (!token) return;
    load(token)
      .then(setData)
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 401) {
          sessionStorage.removeItem(SESSION_KEY);
          setToken(null);
        }
        setError(failure);
      });
  }, [token]);

  const signOut = async () => {
    if (token) await partnerFetch('/session', token, 'DELETE').catch(() => undefined);
    sessionStorage.removeItem(SESSION_KEY);
    setToken(null);
    setData(null);
  };
  const moreVisits = async () => {
    if (!token || !data?.visits.next_cursor) return;
    try {
      const next = await partnerFetch<Visits>(`/visits?limit=${VISITS_PAGE}&cursor=${encodeURIComponent(data.visits.next_cursor)}`, token);
      setData({ ...data, visits: { data: [...data.visits.data, ...next.data], next_cursor: next.next_cursor } });
    } catch (failure) {
      setError(failure);
    }
  };
  const copy = async (url: string) => {
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    setCopied(url);
  };

  if (!token) {
    return (
      <main className="content partner-portal">
        <h1>Partner portal</h1>
        <ErrorNote error={error} />
        <p className="muted">Open the sign-in link the shop sent you. Links work once and expire; ask the shop for a new one if yours did.</p>
      </main>
    );
  }
  if (!data) return error ? <ErrorNote error={error} /> : <Loading what="Loading your earnings" />;

  return (
    <main className="content partner-portal">
      <header className="page-header">
        <h1>Welcome, {data.me.name}</h1>
        <button type="button" className="link-button" onClick={signOut}>
          Sign out
        </button>
      </header>

      <section className="card" aria-label="Activity">
        <h2>Last 30 days</h2>
        <p>
          <strong data-testid="clicks">{data.activity.clicks}</strong> clicks on your links ·{' '}
          <strong data-testid="conversions">{data.conversions.filter((c) => c.status !== 'rejected').length}</strong> conversions
        </p>
      </section>

      <section className="card" aria-label="Visits">
        <h2>Visits</h2>
        {data.visits.data.length === 0 ? <p className="muted">No visits through your links yet.</p> : null}
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Landing page</th>
              <th>Through</th>
              <th>Converted</th>
            </tr>
          </thead>
          <tbody>
            {data.visits.data.map((visit) => (
              <tr key={visit.id} data-testid="visit">
                <td>{shortTime(visit.visited_at)}</td>
                <td>{visit.landing_page ?? '—'}</td>
                <td>{visit.origin === 'coupon' ? 'your coupon' : 'your link'}</td>
                <td>{visit.converted ? 'yes' : 'not yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.visits.next_cursor ? (
          <button type="button" onClick={moreVisits}>
            Show more visits
          </button>
        ) : null}
      </section>

      <section className="card" aria-label="Balance">
        <h2>Balance</h2>
        {data.balance.length === 0 ? <p className="muted">Nothing earned yet.</p> : null}
        <table>
          <thead>
            <tr>
              <th>Currency</th>
              <th>Owed to you</th>
              <th>On hold</th>
              <th>Under review</th>
              <th>Payable</th>
              <th>Paid out</th>
            </tr>
          </thead>
          <tbody>
            {data.balance.map((b) => (
              <tr key={b.currency}>
                <td>{b.currency}</td>
                <td>{formatMinor(b.balance, b.currency)}</td>
                <td>{formatMinor(b.hold, b.currency)}</td>
                <td>{formatMinor(b.flagged + b.draft, b.currency)}</td>
                <td>{formatMinor(b.pending, b.currency)}</td>
                <td>{formatMinor(b.paid_out, b.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-label="Your links">
        <h2>Your links</h2>
        {data.links.length === 0 ? <p className="muted">The shop has not given you a referral code yet.</p> : null}
        <ul className="plain-list">
          {data.links.map((link) => (
            <li key={link.id}>
              <code>{link.url}</code>{' '}
              <button type="button" onClick={() => copy(link.url)}>
                {copied === link.url ? 'Copied' : 'Copy'}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-label="Commissions">
        <h2>Commissions</h2>
        <table>
          <thead>
            <tr>
              <th>Date</th>
              <th>Amount</th>
              <th>Status</th>
              <th>Payable from</th>
            </tr>
          </thead>
          <tbody>
            {data.commissions.map((c) => (
              <tr key={c.id} data-testid="commission">
                <td>{shortTime(c.created_at)}</td>
                <td>{formatMinor(c.amount, c.currency)}</td>
                <td>
                  <Status value={c.status === 'complete' ? 'paid' : c.status} />
                </td>
                <td>{c.status === 'hold' ? shortTime(c.hold_until) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-label="Payouts">
        <h2>Payouts</h2>
        <table>
          <thead>
            <tr>
              <th>Created</th>
              <th>Amount</th>
              <th>Status</th>
              <th>Paid</th>
              <th>Reference</th>
            </tr>
          </thead>
          <tbody>
            {data.payouts.map((p) => (
              <tr key={p.id} data-testid="payout">
                <td>{shortTime(p.created_at)}</td>
                <td>{formatMinor(p.amount, p.currency)}</td>
                <td>
                  <Status value={p.status} />
                </td>
                <td>{shortTime(p.paid_at)}</td>
                <td>
                  <code>{p.reference}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
