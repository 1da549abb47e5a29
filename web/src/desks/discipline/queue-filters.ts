import type { FlagStatus, Severity } from './types.ts';

/** The queue's filters, kept in the address so a flag page can lead back to the same view. */
export interface QueueFilters {
  status: FlagStatus | 'all';
  rule: string;
  severity: Severity | '';
  unit: string;
}

export function filtersFrom(params: URLSearchParams): QueueFilters {
  const status = params.get('status');
  const severity = params.get('severity');
  return {
    status:
      status === 'confirmed' || status === 'dismissed' || status === 'resolved' || status === 'all'
        ? status
        : 'open',
    rule: params.get('rule') ?? '',
    severity: severity === 'violation' || severity === 'risk' ? severity : '',
    unit: params.get('unit') ?? '',
  };
}

export function searchOf(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.rule) params.set('rule', filters.rule);
  if (filters.severity) params.set('severity', filters.severity);
  if (filters.unit) params.set('unit', filters.unit);
  return params.toString();
}

/** The API query for the filters (the queue and its counts take the same ones). */
export function queryOf(filters: QueueFilters) {
  return {
    status: filters.status === 'all' ? undefined : filters.status,
    rule: filters.rule || undefined,
    severity: filters.severity || undefined,
    unit: filters.unit || undefined,
  };
}

let lastQueueSearch = '';
/** Where "back to the queue" leads: the queue as last filtered. */
export const queueHref = () => (lastQueueSearch ? `/?${lastQueueSearch}` : '/');
export const rememberQueueSearch = (search: string) => {
  lastQueueSearch = search;
};
