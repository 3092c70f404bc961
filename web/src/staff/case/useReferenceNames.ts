// Cases and suggestions carry category and agency codes; staff read names in their language.
import { useTranslation } from 'react-i18next';
import { localName } from '../../ui/format';
import { useAgencies, useCategories } from './api';

export function useReferenceNames() {
  useTranslation(); // a new language gives new names
  const categories = useCategories();
  const agencies = useAgencies();
  return {
    category: (code: string | null | undefined): string | null => {
      if (!code) return null;
      const found = categories.data?.items.find((category) => category.code === code);
      return found ? localName(found) : code;
    },
    agency: (code: string | null | undefined): string | null => {
      if (!code) return null;
      const found = agencies.data?.items.find((agency) => agency.code === code);
      return found ? localName(found) : code;
    },
  };
}
