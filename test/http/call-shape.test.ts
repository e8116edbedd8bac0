import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Every skill call, and the context its skill gets, has the same (fast) hidden class. When each call got one of its own
 * (an object literal with a getter makes a new closure, so a new hidden class, per call), V8 kept the hidden
 * classes its optimized code had seen alive for two more major collections, and with them, through the getter,
 * the last calls' FAQ snapshot: after a reload the dead 100,000-entry snapshot was marked again by every major
 * collection of the next reload, in 90–150 ms stop-the-world pauses (start-call.ts, StartedCall).
 */
describe('the shape of a skill call', () => {
  it('is one hidden class for every call and every skill context', () => {
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const child = path.join(__dirname, 'call-shape-child.ts');
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', tsx, child], { encoding: 'utf8', timeout: 25_000 });
    expect(JSON.parse(out)).toEqual({ calls: true, contexts: true });
  });
});
