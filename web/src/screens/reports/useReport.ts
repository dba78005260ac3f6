// What the report screens share: the period (`from`, `to`) and one more filter kept in the
// address, so a link shows the same figures; loading the figures whenever the address changes;
// the server's word on a bad query member, by field; and Show, which puts the form in the
// address.
import { onMounted, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { isApiError } from '../../api/client';

export interface ReportQuery {
  from: string;
  to: string;
  [filter: string]: string;
}

export function useReport<T extends { from: string; to: string }>(
  routeName: string,
  filterName: string,
  fetch: (query: ReportQuery) => Promise<T>,
) {
  const route = useRoute();
  const router = useRouter();
  const figures = ref<T | null>(null) as Ref<T | null>;
  const loading = ref(false);
  const loadError = ref<unknown>(null);
  /** The server's word on a member of the query (from, to, the filter). */
  const fieldErrors = ref<Record<string, string>>({});
  const from = ref('');
  const to = ref('');
  const filter = ref('');

  function queryString(name: string): string {
    const v = route.query[name];
    return typeof v === 'string' ? v : '';
  }

  async function load(): Promise<void> {
    from.value = queryString('from');
    to.value = queryString('to');
    filter.value = queryString(filterName);
    loading.value = true;
    loadError.value = null;
    fieldErrors.value = {};
    try {
      figures.value = await fetch({ from: from.value, to: to.value, [filterName]: filter.value });
      from.value = figures.value.from;
      to.value = figures.value.to;
    } catch (e) {
      loadError.value = e;
      if (isApiError(e)) {
        for (const f of e.errors ?? []) {
          if (f.field) fieldErrors.value[f.field] = f.message;
        }
      }
    } finally {
      loading.value = false;
    }
  }

  function apply(): void {
    const query: Record<string, string> = {};
    if (from.value) query.from = from.value;
    if (to.value) query.to = to.value;
    if (filter.value) query[filterName] = filter.value;
    void router.push({ name: routeName, query });
  }

  onMounted(() => void load());
  watch(
    () => route.query,
    () => void load(),
  );

  return { figures, loading, loadError, fieldErrors, from, to, filter, apply };
}
