import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, requireAdminPage } from "@/lib/orgs/admin-page";
import { getMember } from "@/lib/members/list";
import { PageHeader } from "@/components/ui/page-header";
import { MemberDetail } from "@/components/admin/member-detail";
import { buttonClasses } from "@/components/ui/button";
import { roleLabel } from "@/components/admin/labels";

export const metadata: Metadata = { title: "Member · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage("members.write");
  const member = await orNotFound(getMember({ actor, userId: (await params).id }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={[{ label: "Members", href: "/admin/members" }, { label: member.user.email }]}
        title={member.user.email}
        description={`${member.user.name ?? "No name"} · ${roleLabel(member.role)}${member.active ? "" : " · deactivated"}`}
      >
        <Link href={`/admin/usage/users/${member.userId}`} className={buttonClasses({ variant: "outline" })}>
          Usage
        </Link>
      </PageHeader>
      <MemberDetail member={member} self={member.userId === actor.userId} />
    </div>
  );
}
