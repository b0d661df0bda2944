"use server";
import { revalidatePath } from "next/cache";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { testMcpServer } from "@/lib/mcp/servers/test";

/** "Test connection": re-discovers the server's tools with its stored credential. */
export async function refreshMcpServerAction(formData: FormData): Promise<void> {
  const actor = await requireAdminPage("mcp.write");
  const serverId = formData.get("serverId");
  if (typeof serverId === "string") await testMcpServer({ actor, serverId });
  revalidatePath("/admin/mcp");
}
