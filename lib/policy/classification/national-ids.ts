// Built-in national identifier detectors for a few countries. The candidate regex requires the
// printed shape (separators where the format has them); stdnum (a port of python-stdnum) then
// checks the number's own rules: SSN area/group/serial exclusions, NINO prefixes, DNI and NIR
// check characters, Aadhaar's Verhoeff digit.
import { stdnum } from "stdnum";
import type { BuiltInDetector } from "@/lib/policy/classification/detectors";

/** Resolved at import, so a library upgrade that renames one fails at boot rather than per request. */
function validator(country: string, name: string) {
  const found = stdnum[country]?.[name];
  if (!found) throw new Error(`stdnum has no ${country}.${name} validator`);
  return found;
}

const nationalId = (id: string, pattern: RegExp, [country, name]: [string, string]): BuiltInDetector => {
  const v = validator(country, name);
  return { id, group: "personal", defaultLevel: "restricted", pattern, confirm: (candidate) => v.validate(candidate).isValid };
};

export const NATIONAL_ID_DETECTORS: readonly BuiltInDetector[] = [
  // Dashed or spaced only: nine bare digits are far more often something else.
  nationalId("us_ssn", /\b\d{3}([- ])\d{2}\1\d{4}\b/g, ["US", "ssn"]),
  nationalId("uk_nino", /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g, ["GB", "nino"]),
  nationalId("es_dni", /\b\d{8}-?[A-Z]\b/g, ["ES", "dni"]),
  nationalId("fr_nir", /\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b/g, ["FR", "nir"]),
  nationalId("in_aadhaar", /\b[2-9]\d{3} \d{4} \d{4}\b/g, ["IN", "aadhaar"]),
];
