// Cases and reports carry the codes of categories, agencies and areas; people read names in
// their language. One namer a list, built on the shared reference hooks, so that a screen asks
// only for the lists it names from.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../ui/format';
import { useAgencies, useAreas, useCategories } from './reference';

/** The name of a code in the reader's language; the code stands in until the list arrives. */
export type Namer = (code: string | null | undefined) => string | null;

interface Named {
  code: string;
  name_vi: string;
  name_en: string;
}

function useNamer(list: readonly Named[] | undefined): Namer {
  const { i18n } = useTranslation(); // a new language gives new names
  const language = i18n.language;
  // Stable between renders, so that what is drawn from the names is not redrawn for nothing.
  return useMemo(() => {
    void language;
    return (code) => {
      if (!code) return null;
      const found = list?.find((item) => item.code === code);
      return found ? localName(found) : code;
    };
  }, [list, language]);
}

export function useCategoryName(): Namer {
  return useNamer(useCategories().data);
}

export function useAgencyName(): Namer {
  return useNamer(useAgencies().data);
}

export function useAreaName(): Namer {
  return useNamer(useAreas().data);
}
