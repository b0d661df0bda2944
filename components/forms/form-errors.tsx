"use client";
// Field errors of the form around a control, so each Field can show its own message in place and
// the form's banner lists only what no field shows (never an internal field name).
import { createContext, useCallback, useContext, useMemo, useState } from "react";

type FormErrors = {
  /** Messages for any of these field names (a control's name, or the verb's param for it). */
  messagesFor: (names: readonly string[]) => string[];
  /** A Field announces the names it shows, so the banner leaves them out. */
  place: (names: readonly string[]) => () => void;
};

const FormErrorsContext = createContext<FormErrors | null>(null);

export const useFormErrors = () => useContext(FormErrorsContext);

export function useFormErrorsValue(fieldErrors: Record<string, string[]>) {
  const [placed, setPlaced] = useState<Record<string, number>>({});
  const place = useCallback((names: readonly string[]) => {
    setPlaced((p) => ({ ...p, ...Object.fromEntries(names.map((n) => [n, (p[n] ?? 0) + 1])) }));
    return () => setPlaced((p) => ({ ...p, ...Object.fromEntries(names.map((n) => [n, Math.max(0, (p[n] ?? 1) - 1)])) }));
  }, []);
  const value = useMemo<FormErrors>(() => ({ messagesFor: (names) => [...new Set(names.flatMap((n) => fieldErrors[n] ?? []))], place }), [fieldErrors, place]);
  const unplaced = Object.entries(fieldErrors)
    .filter(([name]) => !placed[name])
    .flatMap(([, messages]) => messages);
  return { value, unplaced: [...new Set(unplaced)] };
}

export function FormErrorsProvider({ value, children }: { value: FormErrors; children: React.ReactNode }) {
  return <FormErrorsContext.Provider value={value}>{children}</FormErrorsContext.Provider>;
}
