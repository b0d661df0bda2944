// Built-in personal-data detectors. Each pairs a cheap, bounded candidate regex (finding the
// shape in free text, which the libraries do not do fast enough) with a well-kept library that
// decides: validator (email syntax; card issuer ranges and Luhn), libphonenumber-js (numbering
// plans), ibantools (IBAN country length and mod-97 check digits).
import isEmail from "validator/lib/isEmail.js";
import isCreditCard from "validator/lib/isCreditCard.js";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { countrySpecs, isValidIBAN } from "ibantools";
import type { BuiltInDetector } from "@/lib/policy/classification/detectors";

/**
 * Only international numbers (+ and a country code) and the NANP's unambiguous punctuated forms,
 * "(415) 555-2671" and "415-555-2671": bare digit runs are order numbers and ids far more often
 * than phone numbers. libphonenumber-js's own text search is ~1,000× slower than this on 4 KB.
 */
const PHONE = /(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}|\(\d{3}\) ?\d{3}[ .-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4})\b/g;

/**
 * libphonenumber-js costs tens of µs per number, so NANP forms whose area code or exchange
 * starts with 0 or 1 (never assigned: "123-456-7890") are refused before it is asked.
 */
function isPhone(candidate: string): boolean {
  if (candidate[0] !== "+" && !/^\(?[2-9]\d\d\)? ?[.-]?[2-9]/.test(candidate)) return false;
  return parsePhoneNumberFromString(candidate, "US")?.isValid() === true;
}

/** Card numbers start with 2-6 (Mastercard, Amex, Diners, JCB, Visa, Discover, UnionPay) or 8 (UnionPay). */
const ISSUER_DIGIT = /^[2-68]/;

function luhn(candidate: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = candidate.length - 1; i >= 0; i--) {
    const c = candidate.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue; // separators
    const v = double ? c * 2 : c;
    sum += v > 9 ? v - 9 : v;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The candidate may run into a following upper-case word; trim to the country's IBAN length. */
function ibanLength(candidate: string): number | false {
  const compact = candidate.replaceAll(" ", "");
  const length = countrySpecs[compact.slice(0, 2)]?.chars;
  if (!length || compact.length < length || !isValidIBAN(compact.slice(0, length))) return false;
  // Map the compact length back onto the spaced candidate.
  let seen = 0;
  for (let i = 0; i < candidate.length; i++) if (candidate[i] !== " " && ++seen === length) return i + 1;
  return false;
}

const personal = (d: Omit<BuiltInDetector, "group">): BuiltInDetector => ({ ...d, group: "personal" });

export const PERSONAL_DETECTORS: readonly BuiltInDetector[] = [
  personal({
    id: "iban",
    defaultLevel: "confidential",
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    confirm: ibanLength,
  }),
  personal({
    id: "credit_card",
    defaultLevel: "restricted",
    pattern: /\b(?:\d[ -]?){12,18}\d\b/g,
    // Issuer prefix and length as well as Luhn: a random 16-digit order number passes Luhn 1 time
    // in 10. The inline Luhn check first rejects those 9 in 10 without the library's regexes.
    confirm: (candidate) => ISSUER_DIGIT.test(candidate) && luhn(candidate) && isCreditCard(candidate),
  }),
  personal({
    id: "email",
    defaultLevel: "internal",
    hint: "@",
    // Starts at the "@" (local part captured behind it): 10× cheaper than trying every position.
    pattern: /@(?<=(?<before>[A-Za-z0-9._%+-]{1,64})@)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g,
    confirm: (candidate) => isEmail(candidate),
  }),
  personal({ id: "phone_number", defaultLevel: "confidential", pattern: PHONE, confirm: isPhone }),
];
