/**
 * How a secret is shown back: its last 4 characters when it is long enough that they do not give
 * it away (16 or more), nothing otherwise. Secret config fields and secret-looking header values
 * are masked the same way.
 */
export function maskSecret(value: string): string {
  return value.length >= 16 ? `••••${value.slice(-4)}` : '••••';
}
