'use client';

import { createContext, useContext, useState } from 'react';
import type { Banner } from '@/components/form-feedback';

/**
 * The last outcome of a panel that lives inside a form keyed by the record's version (the evaluation form
 * starts again from what was saved after an import from Excel): the remount would drop the panel's
 * 已从 Excel 导入… message the moment it appears, so the provider, above the key, carries it over.
 */
const CarriedBannerContext = createContext<{ banner: Banner; carry: (banner: Banner) => void } | null>(null);

export function CarriedBannerProvider({ children }: { children: React.ReactNode }) {
  const [banner, carry] = useState<Banner>(null);
  return <CarriedBannerContext.Provider value={{ banner, carry }}>{children}</CarriedBannerContext.Provider>;
}

/** The carried banner and how to carry one; outside a provider nothing is carried. */
export function useCarriedBanner(): { banner: Banner; carry: (banner: Banner) => void } {
  return useContext(CarriedBannerContext) ?? { banner: null, carry: () => {} };
}
