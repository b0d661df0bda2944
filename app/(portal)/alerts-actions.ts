"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { acknowledgeAlert } from "@/lib/alerts/settings";

export async function acknowledgeAlertAction(alertId: string): Promise<void> {
  const actor = await requireActor();
  await acknowledgeAlert({ actor, alertId });
  revalidatePath("/", "layout");
}
