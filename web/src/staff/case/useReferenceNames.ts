// Cases and suggestions carry category and agency codes; staff read names in their language.
import { useMemo } from 'react';
import { useAgencyName, useCategoryName } from '../../api/names';

export function useReferenceNames() {
  const category = useCategoryName();
  const agency = useAgencyName();
  // Stable between renders, so that what is drawn from the names is not redrawn for nothing.
  return useMemo(() => ({ category, agency }), [category, agency]);
}
