import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUID (v7): sorts by creation time, so it doubles as a pagination cursor. */
export function newId(): string {
  return uuidv7();
}
