import { WATER_TYPES, type ApplicationListQuery } from '../../labels';
import type { ListFilters } from './service';

const SORTS: readonly ApplicationListQuery['sort'][] = ['newest', 'oldest', 'overdue', 'number'];

/** The list's filters live in the address (shareable, survive reload and the back button). */
export function filtersFromParams(params: URLSearchParams): ListFilters {
  const text = (key: string) => params.get(key)?.trim() || undefined;
  const bool = (key: string) => {
    const v = params.get(key);
    return v === 'true' || v === 'false' ? v : undefined;
  };
  const int = (key: string, fallback: number, max: number) => {
    const n = Number(params.get(key));
    return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
  };
  const waterType = WATER_TYPES.find((t) => t === params.get('waterType'));
  const kind = params.get('kind');
  const sort = SORTS.find((s) => s === params.get('sort'));
  return {
    q: text('q'),
    address: text('address'),
    creditCode: text('creditCode'),
    contactName: text('contactName'),
    state: text('state'),
    waterType,
    kind: kind === 'enterprise' || kind === 'resident' ? kind : undefined,
    from: text('from'),
    to: text('to'),
    overdue: bool('overdue'),
    active: bool('active'),
    sort: sort ?? 'newest',
    page: int('page', 1, 100_000),
    pageSize: int('pageSize', 20, 200),
  };
}

export function paramsFromFilters(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (
      value === undefined ||
      value === '' ||
      (key === 'sort' && value === 'newest') ||
      (key === 'page' && value === 1) ||
      (key === 'pageSize' && value === 20)
    ) {
      continue;
    }
    params.set(key, String(value));
  }
  return params;
}
