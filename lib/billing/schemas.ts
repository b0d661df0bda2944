import { z } from "zod";
import { PAID_PLAN_IDS } from "@/lib/billing/plans";

export const StartCheckoutInput = z.object({ plan: z.enum(PAID_PLAN_IDS) });
export type StartCheckoutInput = z.input<typeof StartCheckoutInput>;
