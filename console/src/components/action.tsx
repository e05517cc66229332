import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorNote } from './states.tsx';

export interface ActionOptions<A, R> {
  run: (argument: A) => Promise<R>;
  /** The queries the action changed: refetched when it succeeds (prefixes, as react-query matches). */
  refresh: QueryKey[];
  /** What happened, in one sentence, shown once it succeeded. */
  done: (result: R, argument: A) => string;
  onSuccess?: (result: R, argument: A) => void;
}

/**
 * A console action: runs the request, refreshes every query it changed, and keeps a sentence
 * saying what happened (or the error) for `<ActionNote>`. Every button that changes something
 * goes through this, so none leaves a stale list or says nothing.
 */
export function useAction<A = void, R = unknown>({ run, refresh, done, onSuccess }: ActionOptions<A, R>) {
  const queryClient = useQueryClient();
  const [said, setSaid] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: run,
    onMutate: () => setSaid(null),
    onSuccess: async (result, argument) => {
      onSuccess?.(result, argument);
      setSaid(done(result, argument));
      await Promise.all(refresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
  return { ...mutation, said };
}

/** What the last action did (a status line), or its error with the API's code. */
export function ActionNote({ action }: { action: { said: string | null; error: unknown } }) {
  if (action.error) return <ErrorNote error={action.error} />;
  if (!action.said) return null;
  return (
    <p className="ok" role="status">
      {action.said}
    </p>
  );
}

/**
 * The note of whichever of several actions ran last: a card with many buttons shows one current
 * line, not a stale one per button it ever used.
 */
export function LatestActionNote({ actions }: { actions: ReadonlyArray<{ said: string | null; error: unknown; submittedAt: number }> }) {
  const latest = actions.reduce((newest, action) => (action.submittedAt > newest.submittedAt ? action : newest));
  return <ActionNote action={latest} />;
}
