import { describe, expect, it } from 'vitest';
import { Registry } from './registry.js';

describe('a registry', () => {
  it('returns what was registered under a name, in registration order', () => {
    const r = new Registry<number>('colour');
    r.register('red', 1);
    r.register('blue', 2);
    expect(r.get('blue')).toBe(2);
    expect(r.names()).toEqual(['red', 'blue']);
    expect(r.values()).toEqual([1, 2]);
    expect(r.has('red')).toBe(true);
    expect(r.has('green')).toBe(false);
  });

  it('refuses a taken name and names the allowed ones for an unknown name', () => {
    const r = new Registry<number>('colour');
    r.register('red', 1);
    r.register('blue', 2);
    expect(() => r.register('red', 3)).toThrow("colour 'red' is already registered");
    expect(() => r.get('green')).toThrow("unknown colour 'green' (allowed: red, blue)");
    expect(() => r.get('green')).toThrow(RangeError);
    expect(() => r.check(['red', 'mauve'])).toThrow("unknown colour 'mauve'");
    expect(() => r.check(['red', 'blue'])).not.toThrow();
  });
});
