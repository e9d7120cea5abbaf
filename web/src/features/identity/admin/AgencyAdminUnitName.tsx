import { useAdminUnit } from './agencies.api.js';

/** An agency's administrative unit: full name and code, or the code alone until (or unless) it is found. */
export function AgencyAdminUnitName({ code }: { code: string }) {
  const unit = useAdminUnit(code);
  return <>{unit ? `${unit.fullName} (${unit.code})` : code}</>;
}
