import { AdminNav } from "@/components/admin/admin-nav";
import { billingEnabled } from "@/lib/billing/plans";

// Navigation only: every admin page checks the permission table itself (a layout does not
// re-run on client navigation, so it cannot guard its pages).
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-6">
      <AdminNav billing={billingEnabled()} />
      {children}
    </div>
  );
}
