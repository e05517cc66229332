import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Lifecycle, type Service } from '../../src/lifecycle.ts';

function recorder() {
  const events: string[] = [];
  const service = (name: string, phase?: Service['phase'], failStop = false): Service => ({
    name,
    ...(phase ? { phase } : {}),
    start: () => void events.push(`start ${name}`),
    stop: async () => {
      events.push(`stop ${name}`);
      if (failStop) throw new Error(`${name} would not stop`);
    },
  });
  return { events, service };
}

describe('Lifecycle', () => {
  it('starts services by phase in order, each once, and stops all of them in reverse order', async () => {
    const { events, service } = recorder();
    const lifecycle = new Lifecycle(pino({ level: 'silent' }));
    lifecycle.add({ name: 'database', stop: () => void events.push('stop database') });
    lifecycle.add(service('timer', 'boot'));
    lifecycle.add(service('heartbeat', 'serve'));
    lifecycle.add(service('worker', 'workers'));
    lifecycle.start('boot');
    lifecycle.start('workers');
    lifecycle.start('workers');
    expect(events).toEqual(['start timer', 'start worker']);
    await lifecycle.stop();
    expect(events.slice(2)).toEqual(['stop worker', 'stop heartbeat', 'stop timer', 'stop database']);
  });

  it('logs a failing stop and still stops the services after it; a second stop does nothing more', async () => {
    const { events, service } = recorder();
    const logged: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const lifecycle = new Lifecycle(logger);
    lifecycle.add(service('database'));
    lifecycle.add(service('worker', 'workers', true));
    lifecycle.add(service('http'));
    await lifecycle.stop();
    await lifecycle.stop();
    expect(events).toEqual(['stop http', 'stop worker', 'stop database']);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ service: 'worker', msg: 'stopping "worker" failed', err: { message: 'worker would not stop' } });
  });
});
