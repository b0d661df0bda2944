"use server";
import { revalidatePath } from "next/cache";
import { withActor } from "@/lib/actions/actor-action";
import { testMcpServer } from "@/lib/mcp/servers/test";

/** "Test connection": re-discovers the server's tools with its stored credential (the verb checks mcp.write). */
export async function refreshMcpServerAction(formData: FormData): Promise<void> {
  const serverId = formData.get("serverId");
  await withActor(async (actor) => {
    if (typeof serverId === "string") await testMcpServer({ actor, serverId });
  });
  revalidatePath("/admin/mcp");
}
