import { describe, expect, it } from 'vitest';
import { landingLocation } from '../../src/links/index.ts';

const q = (text: string) => new URLSearchParams(text);

describe('landingLocation', () => {
  it('adds ?ref= to a landing URL without a query, before its fragment', () => {
    expect(landingLocation('https://shop.example.com/p#buy', q(''), { param: 'ref', code: 'ADA' })).toBe('https://shop.example.com/p?ref=ADA#buy');
  });

  it('appends to an existing query without re-encoding it', () => {
    expect(landingLocation('https://shop.example.com/?a=b%20c&flag', q('utm_source=x'), { param: 'ref', code: 'ADA' })).toBe(
      'https://shop.example.com/?a=b%20c&flag&utm_source=x&ref=ADA',
    );
  });

  it('lets the link\'s parameter replace one of the same name on the landing URL', () => {
    expect(landingLocation('https://shop.example.com/?utm_source=site&lang=en', q('utm_source=mail'), { param: 'ref', code: 'ADA' })).toBe(
      'https://shop.example.com/?lang=en&utm_source=mail&ref=ADA',
    );
  });

  it('replaces a code already on the landing URL and drops one the link tries to set', () => {
    expect(landingLocation('https://shop.example.com/?via=old', q('via=evil&x=1'), { param: 'via', code: 'Grace' })).toBe('https://shop.example.com/?x=1&via=Grace');
  });

  it('carries no code for an invalid link, and drops the link\'s own', () => {
    expect(landingLocation('https://shop.example.com/', q('ref=guess&utm_campaign=a+b'), undefined)).toBe('https://shop.example.com/?utm_campaign=a+b');
    expect(landingLocation('https://shop.example.com/x?y=1', q(''), undefined)).toBe('https://shop.example.com/x?y=1');
  });

  it('encodes what it adds', () => {
    expect(landingLocation('https://shop.example.com/', q('note=%26%3D%23'), { param: 'ref', code: 'a-b_c' })).toBe('https://shop.example.com/?note=%26%3D%23&ref=a-b_c');
  });
});
