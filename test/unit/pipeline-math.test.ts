import { describe, expect, it } from 'vitest';
import { backoffDelay, correctedTimestamp } from '../../src/pipeline/index.ts';

describe('correctedTimestamp (Segment clock-skew correction)', () => {
  it('moves the client time by the skew between sentAt and receivedAt', () => {
    expect(correctedTimestamp(1_000_000, 3_595_000, 3_600_000)).toBe(995_000);
  });
  it('keeps the client timestamp without sentAt, and uses receivedAt without either', () => {
    expect(correctedTimestamp(1_000_000, 500, undefined)).toBe(500);
    expect(correctedTimestamp(1_000_000, undefined, 42)).toBe(1_000_000);
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt within [half, full] and stops at the cap', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
