import { AdminNav } from "@/components/admin/admin-nav";

// Navigation only: every admin page checks the permission table itself (a layout does not
// re-run on client navigation, so it cannot guard its pages).
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-6">
      <AdminNav />
      {children}
    </div>
  );
}
