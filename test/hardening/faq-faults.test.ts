import { checkFault, FAQ_FAULTS } from '../../src/cli/fuzz/faq-faults';

/**
 * Every FAQ data fault through the real loader (src/faq): a bad file is refused with a message that
 * names the file and the problem (the entry and field for content errors), a harmless one loads, and a
 * file changed while it is read loads whole in one version or is refused, never mixed.
 */
describe('loading FAQ data with a fault injected', () => {
  it.each(FAQ_FAULTS.map((fault) => [fault.name, fault] as const))('%s', async (_name, fault) => {
    expect(await checkFault(fault)).toBeUndefined();
  });

});
