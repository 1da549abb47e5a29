import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import { idempotencyKey, itemsForServer } from './draft-payload.ts';
import type { Declaration, Draft, Item } from './types.ts';

/** "Nothing to report" cannot stand beside a declared tie: a tie in the items answers the question. */
const nothingToReportOf = (form: DraftForm) =>
  form.items.some((i) => i.type === 'affiliation') ? false : form.nothingToReport;

export interface DraftForm {
  items: Item[];
  nothingToReport: boolean | null;
  amendmentReason: string;
}

/**
 * The staff member's open draft of `year`: started (pre-filled, or from the submitted version for an amendment)
 * when the page opens, saved with If-Match so another window's save is not overwritten, and submitted once.
 */
export function useDraft(staffNo: string, year: number) {
  const base = `/api/v1/declarations/${encodeURIComponent(staffNo)}/${year}`;
  const [draft, setDraft] = useState<Draft>();
  const [loadError, setLoadError] = useState<unknown>();
  const submission = useRef<{ body: string; key: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api<Draft>(`${base}/draft`, { method: 'POST', signal: controller.signal })
      .then(setDraft)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setLoadError(e);
      });
    return () => controller.abort();
  }, [base]);

  const save = useCallback(
    async (form: DraftForm) => {
      const saved = await api<Draft>(`${base}/draft`, {
        method: 'PUT',
        headers: draft ? { 'if-match': `"${draft.version}"` } : {},
        body: {
          items: itemsForServer(form.items),
          nothingToReport: nothingToReportOf(form),
          amendmentReason: form.amendmentReason.trim() || null,
        },
      });
      setDraft(saved);
      return saved;
    },
    [base, draft],
  );

  const submit = useCallback(
    async (form: DraftForm, amending: boolean) => {
      const body = {
        items: itemsForServer(form.items),
        nothingToReport: nothingToReportOf(form) ?? false,
        ...(amending ? { amendmentReason: form.amendmentReason.trim() } : {}),
      };
      // The same submission retried (a lost answer) keeps its key; a changed one is a new submission.
      const json = JSON.stringify(body);
      if (submission.current?.body !== json) submission.current = { body: json, key: idempotencyKey() };
      return api<Declaration>(`${base}/submissions`, {
        method: 'POST',
        headers: { 'idempotency-key': submission.current.key },
        body,
      });
    },
    [base],
  );

  return { draft, loadError, save, submit };
}
