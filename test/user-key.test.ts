import { hashUserKey, randomUserKeySalt } from '../src/user-key';

const KEY = '8dcae25ae7508eafa4dd2207fbf9418753597a7116ca862072a4e50f087e6a99';

describe('hashUserKey', () => {
  it('gives the same 32-hex hash for the same key and salt, and never contains the key', () => {
    const a = hashUserKey(KEY, 'salt-salt-salt-salt');
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(hashUserKey(KEY, 'salt-salt-salt-salt')).toBe(a);
    expect(KEY).not.toContain(a!);
  });

  it('is an HMAC: another salt or another key gives another hash', () => {
    const base = hashUserKey(KEY, 'salt-salt-salt-salt');
    expect(hashUserKey(KEY, 'other-salt-other-salt')).not.toBe(base);
    expect(hashUserKey(`${KEY}0`, 'salt-salt-salt-salt')).not.toBe(base);
  });

  it('matches HMAC-SHA256 of the key (so other tools can reproduce it with the salt)', () => {
    // echo -n 'user-1' | openssl dgst -sha256 -hmac 'a-test-salt-of-16+' | cut -c1-32
    expect(hashUserKey('user-1', 'a-test-salt-of-16+')).toBe('fd730d2aedaf6ca7e2abfc41943faaf5');
  });

  it('returns undefined for a payload without a user key, rather than hashing ""', () => {
    expect(hashUserKey('', 'salt-salt-salt-salt')).toBeUndefined();
  });
});

describe('randomUserKeySalt', () => {
  it('is long and different every time', () => {
    const a = randomUserKeySalt();
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(randomUserKeySalt()).not.toBe(a);
  });
});
