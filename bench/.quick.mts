import autocannon from 'autocannon';
const [url, key] = process.argv.slice(2);
let n = 0;
const auth = 'Basic ' + Buffer.from(key + ':').toString('base64');
const result = await autocannon({
  url: url + '/v1/track', connections: 64, duration: 5, method: 'POST',
  headers: { 'content-type': 'application/json', authorization: auth },
  requests: [{ setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ event: 'Order Completed', userId: 'u' + (n % 1000), messageId: 'm-' + (n++) + '-' + process.pid, properties: { total: 49.99, currency: 'USD' }, context: { library: { name: 'analytics-node', version: '3.0.0' } }, timestamp: new Date().toISOString() }) }) }],
});
console.log(JSON.stringify({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }));
