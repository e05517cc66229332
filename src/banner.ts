import type { Runtime } from './runtime.ts';

/**
 * What a new user needs after `npm start`: where to send events and, on the very first start
 * only, the generated credentials (stored hashed, so they cannot be shown again).
 */
export function printBanner(runtime: Runtime, url: string): void {
  const { bootstrap, services } = runtime;
  const lines = [
    '',
    `Tributary is listening on ${url}`,
    `  database: ${services.db.location} (${services.db.dialect.name})`,
    `  workspace "default": ${bootstrap.workspaceId}`,
  ];
  if (bootstrap.operatorToken || bootstrap.writeKey) {
    lines.push('', 'First start: these credentials are shown ONCE. Store them now.');
    if (bootstrap.operatorToken) lines.push(`  operator token: ${bootstrap.operatorToken}`);
    if (bootstrap.writeKey) lines.push(`  write key:      ${bootstrap.writeKey}`);
    if (bootstrap.writeKey) {
      lines.push(
        '',
        'Send an event (Segment API):',
        `  curl -u '${bootstrap.writeKey}:' -H 'Content-Type: application/json' \\`,
        `    -d '{"event":"Signed Up","userId":"user-1","properties":{"plan":"pro"}}' ${url}/v1/track`,
        '',
        'Or with the workspace API:',
        `  curl -H 'Authorization: Bearer ${bootstrap.writeKey}' -H 'X-Workspace-ID: ${bootstrap.workspaceId}' \\`,
        `    -H 'Content-Type: application/json' -d '{"event":"purchase_completed","user_id":"user-1"}' \\`,
        `    ${url}/api/v1/workspaces/${bootstrap.workspaceId}/events/track`,
      );
    }
    if (bootstrap.operatorToken) {
      lines.push(
        '',
        'See it arrive:',
        `  curl -H 'Authorization: Bearer ${bootstrap.operatorToken}' ${url}/api/v1/workspaces/${bootstrap.workspaceId}/events`,
      );
    }
  } else {
    lines.push('  credentials were printed on the first start (set TRIBUTARY_ADMIN_TOKEN to choose the operator token)');
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * When `serve` cannot listen (most often: the port is taken) on the very first start, the
 * credentials bootstrap just stored hashed exist nowhere else: print them before exiting, or the
 * next start only says they "were printed on the first start".
 */
export function printUnshownCredentials(runtime: Runtime): void {
  const { bootstrap } = runtime;
  if (!bootstrap.operatorToken && !bootstrap.writeKey) return;
  const lines = ['', 'Tributary did not start, but the database was set up. These credentials are shown ONCE and stay valid:'];
  if (bootstrap.operatorToken) lines.push(`  operator token: ${bootstrap.operatorToken}`);
  if (bootstrap.writeKey) lines.push(`  write key:      ${bootstrap.writeKey}`);
  lines.push(`  workspace "default": ${bootstrap.workspaceId}`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}
