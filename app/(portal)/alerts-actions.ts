"use server";

import { revalidatePath } from "next/cache";
import { withActor } from "@/lib/actions/actor-action";
import { acknowledgeAlert } from "@/lib/alerts/settings";

export async function acknowledgeAlertAction(alertId: string): Promise<void> {
  await withActor((actor) => acknowledgeAlert({ actor, alertId }));
  revalidatePath("/", "layout");
}
