// A case carries its category's code; the citizen reads the category's name in their language.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../../../src/shared/reference-data';
import { get } from '../../api/client';
import { localName } from '../../ui/format';

export function useCategoryName(): (code: string | null) => string | null {
  useTranslation(); // a new language gives new names
  const categories = useQuery({
    queryKey: ['my-reports', 'categories'],
    queryFn: ({ signal }) => get<{ items: Category[] }>('/categories', undefined, signal),
    staleTime: 60 * 60_000,
  });
  return (code) => {
    if (!code) return null;
    const category = categories.data?.items.find((c) => c.code === code);
    return category ? localName(category) : code;
  };
}
